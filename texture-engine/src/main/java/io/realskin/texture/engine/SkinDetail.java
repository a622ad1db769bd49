package io.realskin.texture.engine;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

import java.util.ArrayList;
import java.util.List;

/**
 * Two more skin measurements beside {@link SkinStatistics}, on the same mask core at the analysis scale (candidates
 * of the score's fit; a model that does not name them does not measure them):
 *
 * @param blobDensity dark pore-scale blobs per face width squared: local minima (3x3) of the difference of
 *                    Gaussians (sigma 0.8 minus sigma 1.6) deeper than {@link #BLOB_DEPTH} of the skin's mean
 *                    luminance, counted on the mask core and scaled to a square of the face's width
 * @param chromaFine rms of the fine band (channel minus its sigma-1 blur) of Cr and Cb together
 */
public record SkinDetail(double blobDensity, double chromaFine) {
    /** A blob counts when its DoG is below minus this fraction of the skin's mean luminance. */
    static final double BLOB_DEPTH = 0.006;

    static SkinDetail measure(FaceRegion r, Mat skinWeight, SkinStatistics s) {
        if (!s.usable()) return new SkinDetail(0, 0);
        List<Mat> tmp = new ArrayList<>();
        try {
            Mat core = track(tmp, new Mat());
            Imgproc.threshold(skinWeight, core, 0.5, 255, Imgproc.THRESH_BINARY);
            core.convertTo(core, CvType.CV_8U);

            Mat a = track(tmp, new Mat()), b = track(tmp, new Mat()), dog = track(tmp, new Mat()), low = track(tmp, new Mat());
            Imgproc.GaussianBlur(r.smallGray(), a, new Size(0, 0), 0.8);
            Imgproc.GaussianBlur(r.smallGray(), b, new Size(0, 0), 1.6);
            Core.subtract(a, b, dog);
            Imgproc.erode(dog, low, Imgproc.getStructuringElement(Imgproc.MORPH_RECT, new Size(3, 3)));
            Mat isMin = track(tmp, new Mat()), deep = track(tmp, new Mat()), blobs = track(tmp, new Mat());
            Core.compare(dog, low, isMin, Core.CMP_LE);
            Core.compare(dog, new Scalar(-BLOB_DEPTH * Math.max(1.0, s.meanLuminance())), deep, Core.CMP_LT);
            Core.bitwise_and(isMin, deep, blobs);
            Core.bitwise_and(blobs, core, blobs);
            double faceWidth = r.face().scaleWidth() * r.scale();
            double density = Core.countNonZero(blobs) * faceWidth * faceWidth / s.skinPixels();

            Mat ycc = track(tmp, new Mat()), yccF = track(tmp, new Mat());
            Imgproc.cvtColor(r.smallBgr(), ycc, Imgproc.COLOR_BGR2YCrCb);
            ycc.convertTo(yccF, CvType.CV_32F);
            List<Mat> ch = new ArrayList<>();
            Core.split(yccF, ch);
            tmp.addAll(ch);
            double sum = 0;
            for (int c = 1; c <= 2; c++) {
                Mat blur = track(tmp, new Mat()), hp = track(tmp, new Mat());
                Imgproc.GaussianBlur(ch.get(c), blur, new Size(0, 0), SkinStatistics.FINE_SIGMA);
                Core.subtract(ch.get(c), blur, hp);
                Core.multiply(hp, hp, hp);
                sum += Core.mean(hp, core).val[0];
            }
            return new SkinDetail(density, Math.sqrt(sum / 2));
        } finally {
            for (Mat m : tmp) m.release();
        }
    }

    private static Mat track(List<Mat> list, Mat m) {
        list.add(m);
        return m;
    }
}
