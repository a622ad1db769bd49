package io.realskin.texture.engine;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

import java.util.Arrays;

/**
 * How soft the frame is at a face, as the sigma (image pixels) of a Gaussian blur: measured at full resolution on the
 * eyes (lashes, lids, iris rims: the sharpest detail of the face's focal plane, which skin smoothing leaves alone)
 * by re-blurring (Zhuo and Sim, "Defocus map estimation from a single image", 2011): at an edge blurred by sigma,
 * the gradient falls by R = sqrt(sigma^2 + s0^2) / sigma when the image is blurred by s0 more, so sigma =
 * s0 / sqrt(R^2 - 1), read on the patches' strongest edges. Texture synthesized sharper than the frame reads as
 * pasted on: {@link #extraBlur} is the blur the synthesized field needs to match the frame.
 */
final class FrameSoftness {
    /** The re-blur. */
    static final double S0 = 1.0;
    /** Sigma a sharp photograph reads at on this measure (sampling, demosaicing, a good lens): the texture's own. */
    static final double SHARP_SIGMA = 1.0;
    static final double MAX_SIGMA = 6.0;
    /** The share of a patch's pixels taken as its edges. */
    static final double EDGE_SHARE = 0.05;
    /** Half side of an eye patch, in eye distances, and at most in pixels (lashes and iris fill that on a big face). */
    static final double PATCH = 0.4;
    static final int MAX_HALF_PATCH = 192;
    /** Values sorted to find the edge threshold (enough for a 5 % quantile, at any patch size). */
    static final int QUANTILE_SAMPLE = 20_000;

    private FrameSoftness() {
    }

    /** The blur sigma of the frame at this face, image pixels; {@link #SHARP_SIGMA} when the eyes give no edges. */
    static double sigma(Mat bgr8, FaceDetection face, Rect within) {
        double d = face.eyeDistance();
        int half = (int) Math.max(4, Math.min(MAX_HALF_PATCH, Math.round(PATCH * d)));
        double[] all = new double[0];
        for (int eye : new int[] {FaceDetection.RIGHT_EYE, FaceDetection.LEFT_EYE}) {
            int cx = (int) Math.round(face.kx(eye)), cy = (int) Math.round(face.ky(eye));
            int x0 = Math.max(within.x, cx - half), y0 = Math.max(within.y, cy - half);
            int x1 = Math.min(within.x + within.width, cx + half), y1 = Math.min(within.y + within.height, cy + half);
            if (x1 - x0 < 8 || y1 - y0 < 8) continue;
            double[] s = patchSigmas(bgr8.submat(new Rect(x0, y0, x1 - x0, y1 - y0)));
            double[] joined = Arrays.copyOf(all, all.length + s.length);
            System.arraycopy(s, 0, joined, all.length, s.length);
            all = joined;
        }
        if (all.length < 10) return SHARP_SIGMA;
        Arrays.sort(all);
        return all[all.length / 2];
    }

    /** Gaussian sigma (image pixels) to blur a texture by so it is no sharper than a frame of {@code sigma}. */
    static double extraBlur(double sigma) {
        return Math.sqrt(Math.max(0, sigma * sigma - SHARP_SIGMA * SHARP_SIGMA));
    }

    /** The sigma at each of the patch's strongest edge pixels. */
    private static double[] patchSigmas(Mat patch) {
        Mat gray8 = new Mat(), gray = new Mat(), blurred = new Mat(), gx = new Mat(), gy = new Mat();
        Mat g1 = new Mat(), g2 = new Mat();
        try {
            Imgproc.cvtColor(patch, gray8, Imgproc.COLOR_BGR2GRAY);
            gray8.convertTo(gray, CvType.CV_32F);
            gradient(gray, gx, gy, g1);
            Imgproc.GaussianBlur(gray, blurred, new Size(0, 0), S0);
            gradient(blurred, gx, gy, g2);
            float[] a = MatArrays.floats(g1), b = MatArrays.floats(g2);
            float threshold = quantile(a, 1 - EDGE_SHARE);
            // flat patches (closed eyes behind dark glasses): nothing stronger than a few levels is no edge
            threshold = Math.max(threshold, 4f);
            double[] out = new double[a.length];
            int n = 0;
            for (int i = 0; i < a.length; i++) {
                if (a[i] < threshold || b[i] <= 0) continue;
                double r = a[i] / b[i];
                out[n++] = r <= 1.0001 ? MAX_SIGMA : Math.min(MAX_SIGMA, S0 / Math.sqrt(r * r - 1));
            }
            return Arrays.copyOf(out, n);
        } finally {
            patch.release();
            gray8.release();
            gray.release();
            blurred.release();
            gx.release();
            gy.release();
            g1.release();
            g2.release();
        }
    }

    /** The q-quantile of the values, from an even sample of at most {@value #QUANTILE_SAMPLE} of them. */
    static float quantile(float[] v, double q) {
        int step = Math.max(1, v.length / QUANTILE_SAMPLE);
        float[] sample = new float[(v.length + step - 1) / step];
        for (int i = 0, j = 0; i < v.length; i += step, j++) sample[j] = v[i];
        return Selection.kth(sample, 0, sample.length, (int) ((sample.length - 1) * q));
    }

    /** Gradient magnitude by central differences (no smoothing of its own, which would read as blur). */
    private static void gradient(Mat src, Mat gx, Mat gy, Mat magnitude) {
        Imgproc.Sobel(src, gx, CvType.CV_32F, 1, 0, 1, 0.5);
        Imgproc.Sobel(src, gy, CvType.CV_32F, 0, 1, 1, 0.5);
        Core.magnitude(gx, gy, magnitude);
    }
}
