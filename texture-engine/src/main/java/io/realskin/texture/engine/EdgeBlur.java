package io.realskin.texture.engine;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

import java.util.Arrays;

/**
 * How soft the frame is near a face: the Gaussian blur sigma (analysis pixels) of its strongest edges - eyes,
 * brows, lashes, hairline, beard, the face's outline - which skin smoothing leaves sharp. Gradient-ratio method
 * (Zhuo and Sim, "Defocus map estimation from a single image", 2011): at an edge blurred by sigma, the gradient
 * maximum falls by sqrt((sigma^2 + s0^2) / (sigma^2 + s0^2 + A^2)) when the image is blurred again by A, whatever
 * the edge's contrast; s0 is the measuring filter's own width. The median over the strongest edge points is robust
 * to a few textured or out-of-focus ones.
 */
final class EdgeBlur {
    /** Re-blur sigma. */
    static final double REBLUR = 1.0;
    /** Pre-smoothing of the gradient (analysis px): keeps single-pixel noise from posing as an edge. */
    static final double GRADIENT_SIGMA = 0.7;
    /** Sigma the method reports for an ideal, area-sampled step (Sobel and pre-smoothing): subtracted in quadrature. */
    static final double MEASURE_SIGMA = 1.05;
    static final int MIN_POINTS = 20;

    /** @param sigma blur in analysis px (NaN when the zone has too few edges), @param points edge points used */
    record Result(double sigma, int points) {
        boolean known() {
            return !Double.isNaN(sigma);
        }
    }

    private EdgeBlur() {
    }

    static Result measure(FaceRegion r, Mat skinMask) {
        Mat zone = zone(r, skinMask);
        try {
            return measure(r.smallGray(), zone);
        } finally {
            zone.release();
        }
    }

    /** @param gray CV_32F 0..255, @param zone 8-bit, 255 where edges count */
    static Result measure(Mat gray, Mat zone) {
        Mat g = new Mat(), gb = new Mat(), mag = new Mat(), magB = new Mat(), peaks = new Mat(), sel = new Mat();
        try {
            Imgproc.GaussianBlur(gray, g, new Size(0, 0), GRADIENT_SIGMA);
            Imgproc.GaussianBlur(g, gb, new Size(0, 0), REBLUR);
            magnitude(g, mag);
            magnitude(gb, magB);
            // local maxima of the gradient inside the zone
            Imgproc.dilate(mag, peaks, Imgproc.getStructuringElement(Imgproc.MORPH_RECT, new Size(3, 3)));
            Core.compare(mag, peaks, sel, Core.CMP_GE);
            Core.bitwise_and(sel, zone, sel);
            int cols = gray.cols();
            float[] mv = new float[(int) mag.total()], bv = new float[mv.length];
            byte[] sv = new byte[mv.length];
            mag.get(0, 0, mv);
            magB.get(0, 0, bv);
            sel.get(0, 0, sv);
            int n = 0;
            float[] strength = new float[mv.length];
            for (int i = 0; i < mv.length; i++) if (sv[i] != 0 && mv[i] > 2f) strength[n++] = mv[i];
            if (n < MIN_POINTS) return new Result(Double.NaN, n);
            float[] sorted = Arrays.copyOf(strength, n);
            Arrays.sort(sorted);
            // the strongest tenth (at least MIN_POINTS), and at least a third of the strongest edge (noise peaks stay out)
            float cut = Math.max(sorted[n - Math.max(1, n / 10)], sorted[(int) (0.995 * (n - 1))] / 3);
            cut = Math.min(cut, sorted[n - MIN_POINTS]);
            double[] sigmas = new double[n];
            int m = 0;
            for (int i = 0; i < mv.length; i++) {
                if (sv[i] == 0 || mv[i] < cut || mv[i] <= 2f) continue;
                double ratio = mv[i] / Math.max(1e-6, bv[i]);
                double s2 = ratio > 1.0005 ? REBLUR * REBLUR / (ratio * ratio - 1) : 1e4;
                sigmas[m++] = Math.sqrt(s2) - MEASURE_SIGMA;
            }
            if (m < MIN_POINTS) return new Result(Double.NaN, m);
            Arrays.sort(sigmas, 0, m);
            return new Result(Math.min(20, sigmas[m / 2]), m);
        } finally {
            for (Mat x : new Mat[] {g, gb, mag, magB, peaks, sel}) x.release();
        }
    }

    /**
     * The face ellipse grown by a quarter, minus the skin: features, outline, hairline - not the background further
     * out, and not the skin, whose texture the engine itself changes.
     */
    static Mat zone(FaceRegion r, Mat skinMask) {
        Mat m = Mat.zeros(r.smallGray().size(), CvType.CV_8U);
        SkinMaskBuilder.FaceGeometry geo = SkinMaskBuilder.FaceGeometry.of(r);
        double d = r.smallEyeDistance();
        double top = 1.05 * d, chin = geo.mouthDepth() + 0.62 * d;
        geo.ellipse(m, 0, (top - chin) / 2, 1.25 * 1.08 * d, 1.25 * (top + chin) / 2, new Scalar(255));
        Mat skin = new Mat();
        Imgproc.threshold(skinMask, skin, 0.02, 255, Imgproc.THRESH_BINARY_INV);
        skin.convertTo(skin, CvType.CV_8U);
        Core.bitwise_and(m, skin, m);
        skin.release();
        return m;
    }

    private static void magnitude(Mat src, Mat dst) {
        Mat dx = new Mat(), dy = new Mat();
        Imgproc.Sobel(src, dx, CvType.CV_32F, 1, 0, 3, 0.125);
        Imgproc.Sobel(src, dy, CvType.CV_32F, 0, 1, 3, 0.125);
        Core.magnitude(dx, dy, dst);
        dx.release();
        dy.release();
    }
}
