package io.realskin.texture.engine;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The non-skin parts of a face's own analysis copy (eyes, brows, hair and background inside the face-and-neck box),
 * for the plastic score's candidate features; the texture target reads the frame outside that box instead
 * ({@link FrameEvidence}):
 *
 * @param noiseFloor robust sigma (1.4826 x median absolute value) of the fine band (luminance minus its sigma-1
 *                   blur) on flat non-skin pixels: the quarter of the non-skin, non-clipped pixels with the
 *                   weakest sigma-3 gradient (background, cloth, smooth hair); the camera's grain and noise
 * @param flatPixels how many pixels {@code noiseFloor} was measured on
 * @param edgeFine rms of the fine band on the strongest tenth of the gradients around the eyes and brows: how sharp
 *                 the frame's sharpest nearby detail is (lens, focus, resampling, compression)
 * @param edgeMid rms of the middle band (sigma-1 minus sigma-3 blur) on the same pixels
 * @param edgePixels how many pixels the edge figures were measured on
 */
public record RegionEvidence(double noiseFloor, int flatPixels, double edgeFine, double edgeMid, int edgePixels) {
    /** Below this weight a pixel is not skin. */
    static final double NON_SKIN = 0.02;
    /** Fraction of the non-skin pixels, by weakest smooth gradient, taken as flat. */
    static final double FLAT_SHARE = 0.25;
    /** Fraction of the eye-and-brow pixels, by strongest gradient, taken as edges. */
    static final double EDGE_SHARE = 0.10;

    /** Too few pixels to trust: fewer than this many flat or edge pixels. */
    boolean usable() {
        return flatPixels >= 200 && edgePixels >= 50;
    }

    /** @param skinWeight the face's skin mask (CV_32F 0..1, analysis scale) */
    static RegionEvidence measure(FaceRegion r, Mat skinWeight) {
        Mat gray = r.smallGray();
        List<Mat> tmp = new ArrayList<>();
        try {
            Mat b1 = track(tmp, new Mat()), b3 = track(tmp, new Mat()), fine = track(tmp, new Mat()), mid = track(tmp, new Mat());
            Imgproc.GaussianBlur(gray, b1, new Size(0, 0), SkinStatistics.FINE_SIGMA);
            Imgproc.GaussianBlur(gray, b3, new Size(0, 0), SkinStatistics.MID_SIGMA);
            Core.subtract(gray, b1, fine);
            Core.subtract(b1, b3, mid);
            float[] fineV = MatArrays.floats(fine), midV = MatArrays.floats(mid);

            // flat: non-skin, not clipped, weakest smooth gradient
            Mat g3 = track(tmp, gradient(b3));
            Mat nonSkin = track(tmp, new Mat()), unclipped = track(tmp, new Mat()), sel = track(tmp, new Mat());
            Imgproc.threshold(skinWeight, nonSkin, NON_SKIN, 255, Imgproc.THRESH_BINARY_INV);
            nonSkin.convertTo(nonSkin, CvType.CV_8U);
            Core.inRange(b3, new Scalar(8), new Scalar(247), unclipped);
            Core.bitwise_and(nonSkin, unclipped, sel);
            int[] flat = lowest(MatArrays.floats(g3), MatArrays.bytes(sel), FLAT_SHARE);
            double noise = 1.4826 * medianAbs(fineV, flat);

            // edges: eyes and brows, strongest gradient of the sigma-1 blur
            Mat eyes = track(tmp, eyeWindows(r));
            Mat g1 = track(tmp, gradient(b1));
            float[] g1v = MatArrays.floats(g1);
            for (int i = 0; i < g1v.length; i++) g1v[i] = -g1v[i];
            int[] edges = lowest(g1v, MatArrays.bytes(eyes), EDGE_SHARE);
            return new RegionEvidence(noise, flat.length, rms(fineV, edges), rms(midV, edges), edges.length);
        } finally {
            for (Mat m : tmp) m.release();
        }
    }

    /** Both eyes with their brows, as ellipses from the keypoints (8-bit, 255 = inside). */
    static Mat eyeWindows(FaceRegion r) {
        double d = r.smallEyeDistance();
        SkinMaskBuilder.FaceGeometry g = SkinMaskBuilder.FaceGeometry.of(r);
        Mat m = Mat.zeros(r.smallGray().size(), CvType.CV_8U);
        g.ellipse(m, -0.5 * d, 0.12 * d, 0.45 * d, 0.38 * d, new Scalar(255));
        g.ellipse(m, 0.5 * d, 0.12 * d, 0.45 * d, 0.38 * d, new Scalar(255));
        return m;
    }

    static Mat gradient(Mat img) {
        Mat gx = new Mat(), gy = new Mat(), mag = new Mat();
        Imgproc.Sobel(img, gx, CvType.CV_32F, 1, 0);
        Imgproc.Sobel(img, gy, CvType.CV_32F, 0, 1);
        Core.magnitude(gx, gy, mag);
        gx.release();
        gy.release();
        return mag;
    }

    /** Indices of the selected pixels with the lowest {@code key}, {@code share} of them (at least one if any). */
    static int[] lowest(float[] key, byte[] selected, double share) {
        int n = 0;
        for (byte b : selected) if (b != 0) n++;
        if (n == 0) return new int[0];
        long[] packed = new long[n];
        int j = 0;
        for (int i = 0; i < key.length; i++) {
            if (selected[i] == 0) continue;
            // the float's bits made to sort as signed ints in the high word, the index in the low word
            int bits = Float.floatToIntBits(key[i]);
            if (bits < 0) bits ^= Integer.MAX_VALUE;
            packed[j++] = ((long) bits << 32) | i;
        }
        Arrays.sort(packed);
        int take = Math.max(1, (int) Math.round(n * share));
        int[] out = new int[take];
        for (int i = 0; i < take; i++) out[i] = (int) packed[i];
        return out;
    }

    static double medianAbs(float[] v, int[] idx) {
        if (idx.length == 0) return 0;
        float[] a = new float[idx.length];
        for (int i = 0; i < idx.length; i++) a[i] = Math.abs(v[idx[i]]);
        return Selection.median(a, 0, a.length);
    }

    static double rms(float[] v, int[] idx) {
        if (idx.length == 0) return 0;
        double s = 0;
        for (int i : idx) s += (double) v[i] * v[i];
        return Math.sqrt(s / idx.length);
    }

    private static Mat track(List<Mat> list, Mat m) {
        list.add(m);
        return m;
    }
}
