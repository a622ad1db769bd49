package io.realskin.texture.engine;

import io.realskin.texture.concurrent.Parallel;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.imgproc.Imgproc;

/**
 * The fine grain, added to a field: white noise band-passed by a difference of Gaussians (sigma, 2 sigma), at
 * {@code gain} std before it is softened to the frame. The softening is folded into the two Gaussians (Gaussians
 * compose), the std is the kernels' own (white noise of unit variance through a filter has the filter's energy as its
 * variance) and the gain is folded into the kernels, so the band costs two separable filters straight from 16-bit
 * noise. It is made in strips of rows, each with a margin the filters need, in small buffers reused strip after
 * strip: a field-sized buffer is paid for in page faults on first touch, which cost more than the filtering on a VM.
 * The rows' noise does not depend on the strip ({@link NoiseField#rows}), so the result equals the band made whole.
 */
final class FineGrain {
    static final int STRIP_ROWS = 256;
    /** The strip's own rows are the whole image's: its edges reflect like the image's, never reading past them. */
    private static final int BORDER = Core.BORDER_REFLECT_101 + Core.BORDER_ISOLATED;

    private FineGrain() {
    }

    /**
     * Adds the band of {@code sigma} (the field's pixels), softened by {@code soften} pixels, to {@code field}
     * (CV_32F) in place; the strips are independent and run on up to {@code threads} threads.
     */
    static void addTo(Mat field, double sigma, double soften, long seed, double gain, int threads) {
        double k = gain * NoiseField.UNIT / dogStd(sigma, 2 * sigma);
        Mat narrow = kernel(Math.hypot(sigma, soften)), wide = kernel(Math.hypot(2 * sigma, soften));
        Mat narrowScaled = new Mat(), wideScaled = new Mat();
        try {
            narrow.convertTo(narrowScaled, narrow.type(), k);
            wide.convertTo(wideScaled, wide.type(), k);
            Filters filters = new Filters(narrowScaled, narrow, wideScaled, wide, wide.rows() / 2);
            int strips = (field.rows() + STRIP_ROWS - 1) / STRIP_ROWS;
            int chunks = Math.min(strips, Parallel.threads(threads));
            Parallel.forEach(chunks, chunks, c -> addStrips(field, strips * c / chunks, strips * (c + 1) / chunks, seed, filters));
        } finally {
            for (Mat m : new Mat[] {narrow, wide, narrowScaled, wideScaled}) m.release();
        }
    }

    /** The two separable filters (row kernel scaled by the gain) and the margin the wider one needs. */
    private record Filters(Mat narrowX, Mat narrowY, Mat wideX, Mat wideY, int margin) {
    }

    private static void addStrips(Mat field, int from, int to, long seed, Filters f) {
        int w = field.cols(), h = field.rows(), capacity = Math.min(h, STRIP_ROWS + 2 * f.margin());
        Mat noise = new Mat(capacity, w, CvType.CV_16S), a = new Mat(capacity, w, CvType.CV_32F), b = new Mat(capacity, w, CvType.CV_32F);
        try {
            for (int s = from; s < to; s++) {
                int y0 = s * STRIP_ROWS, y1 = Math.min(h, y0 + STRIP_ROWS);
                int n0 = Math.max(0, y0 - f.margin()), n1 = Math.min(h, y1 + f.margin());
                Mat nv = noise.rowRange(0, n1 - n0), av = a.rowRange(0, n1 - n0), bv = b.rowRange(0, n1 - n0);
                NoiseField.rows(nv, n0, seed);
                Imgproc.sepFilter2D(nv, av, CvType.CV_32F, f.narrowX(), f.narrowY(), new Point(-1, -1), 0, BORDER);
                Imgproc.sepFilter2D(nv, bv, CvType.CV_32F, f.wideX(), f.wideY(), new Point(-1, -1), 0, BORDER);
                Mat own = av.rowRange(y0 - n0, y1 - n0), ownWide = bv.rowRange(y0 - n0, y1 - n0), dst = field.rowRange(y0, y1);
                Core.subtract(own, ownWide, own);
                Core.add(dst, own, dst);
                for (Mat m : new Mat[] {nv, av, bv, own, ownWide, dst}) m.release();
            }
        } finally {
            noise.release();
            a.release();
            b.release();
        }
    }

    /** The std of unit white noise filtered by the Gaussian of sigma {@code s1} minus that of {@code s2} (2-D). */
    static double dogStd(double s1, double s2) {
        double[] k1 = values(kernel(s1)), k2 = values(kernel(s2));
        int c1 = k1.length / 2, c2 = k2.length / 2;
        double e11 = 0, e22 = 0, e12 = 0;
        for (double v : k1) e11 += v * v;
        for (double v : k2) e22 += v * v;
        for (int i = -c1; i <= c1; i++) if (Math.abs(i) <= c2) e12 += k1[i + c1] * k2[i + c2];
        // separable: each 2-D sum is the square of the 1-D one
        return Math.sqrt(Math.max(1e-12, e11 * e11 + e22 * e22 - 2 * e12 * e12));
    }

    /**
     * A 1-D Gaussian kernel (CV_64F column) cut at 3 sigma: a quarter fewer taps than GaussianBlur's 4 sigma, and the
     * 0.3 % of the weight it leaves out changes nothing in a noise texture.
     */
    private static Mat kernel(double sigma) {
        return Imgproc.getGaussianKernel((int) Math.round(sigma * 3 * 2 + 1) | 1, sigma, CvType.CV_64F);
    }

    private static double[] values(Mat kernel) {
        double[] v = new double[(int) kernel.total()];
        kernel.get(0, 0, v);
        kernel.release();
        return v;
    }
}
