package io.realskin.texture.engine;

import io.realskin.texture.jpeg.JpegCoefficients;
import io.realskin.texture.jpeg.QuantizationConstraint;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfFloat;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;
import org.opencv.photo.Photo;

import java.util.ArrayList;
import java.util.List;

/**
 * Cleans a damaged or small source photo before it is used (source-restore): JPEG blocking and ringing removed by
 * shifted-block DCT thresholding, projection onto the file's own quantisation intervals and a learned
 * position-aware correction ({@link DeblockFilters}), sensor noise removed by non-local means when the
 * measured noise is visible, and a 2x upscale (Lanczos and back-projection, corrected by learned least-squares
 * filters, {@link UpscaleFilters}). Nothing is synthesised: every step smooths, enforces consistency with the input
 * or regresses to the expected original (PSNR-trained linear filters), so no skin texture is invented (that is the
 * reference step's job).
 */
public final class SourceRestorer {
    /** Shifted-block DCT coefficients below this many quantisation steps count as coding noise. */
    static final float DEBLOCK_THRESHOLD = 0.4f;
    /** Noise (8-bit levels) above which non-local means runs. */
    static final double NOISE_THRESHOLD = 2.0;
    /** The deblocked chroma rebuilt from the luma: window radius 4 px, eps 4 levels^2, 3 rounds, each projected once. */
    static final GuidedChroma CHROMA_FROM_LUMA = new GuidedChroma(4, 4, 3);

    private SourceRestorer() {
    }

    /** {@link #deblock(JpegCoefficients, DeblockFilters, int)} with the shipped learned filters. */
    static Mat deblock(JpegCoefficients c, int threads) {
        return deblock(c, DeblockFilters.shipped(), threads);
    }

    /**
     * The JPEG's pixels deblocked: for each component, shifted-block DCT thresholding against the file's own
     * quantisation table, then the projection back onto the coefficients' quantisation intervals; the luma then
     * corrected by {@code learned} and projected again when the file's quality is one the filters serve; chroma
     * upsampled (linear, like a decoder's), then rebuilt from the luma ({@link GuidedChroma},
     * {@link #CHROMA_FROM_LUMA}); returned as 8-bit BGR. The thresholding, the projections and the correction run
     * on up to {@code threads} threads (0 = every core), with the same result for any number.
     */
    public static Mat deblock(JpegCoefficients c, DeblockFilters learned, int threads) {
        boolean learnedServes = DeblockFilters.serves(JpegQualityEstimator.estimate(c.quantTable(c.component(0).quantTable()),
                JpegCoefficients.ZIGZAG));
        List<Mat> planes = new ArrayList<>();
        for (int i = 0; i < c.componentCount(); i++) {
            QuantizationConstraint q = new QuantizationConstraint(c, i);
            float[] decoded = q.decode(), samples = thresholded(q, decoded, threads);
            int w = usedWidth(c, i), h = usedHeight(c, i);
            if (i == 0 && learnedServes) {
                learned.correct(samples, decoded, q.width(), w, h, threads);
                q.project(samples, threads);
            }
            Mat m = new Mat(q.height(), q.width(), CvType.CV_32F);
            m.put(0, 0, samples);
            Mat used = m.submat(0, h, 0, w);
            Mat full = new Mat();
            if (w != c.width() || h != c.height()) {
                Imgproc.resize(used, full, new Size(c.width(), c.height()), 0, 0, Imgproc.INTER_LINEAR);
            } else {
                used.copyTo(full);
            }
            used.release();
            m.release();
            planes.add(full);
        }
        if (planes.size() == 3) chromaFromLuma(planes, c);
        Mat out = new Mat();
        if (planes.size() == 1) { // gray: returned as BGR like every other decode of the source restore
            Mat gray = new Mat();
            planes.get(0).convertTo(gray, CvType.CV_8U);
            Imgproc.cvtColor(gray, out, Imgproc.COLOR_GRAY2BGR);
            gray.release();
        } else {
            Mat ycrcb = new Mat(), bgr = new Mat();
            Core.merge(List.of(planes.get(0), planes.get(2), planes.get(1)), ycrcb);
            Core.multiply(ycrcb, new Scalar(1 / 255.0, 1 / 255.0, 1 / 255.0), ycrcb);
            Imgproc.cvtColor(ycrcb, bgr, Imgproc.COLOR_YCrCb2BGR);
            bgr.convertTo(out, CvType.CV_8U, 255.0);
            ycrcb.release();
            bgr.release();
        }
        planes.forEach(Mat::release);
        return out;
    }

    /** A component's decoded samples after the shifted-block thresholding and the projection (a new array). */
    static float[] thresholded(QuantizationConstraint q, float[] decoded, int threads) {
        float[] samples = decoded.clone();
        q.smoothShifted(samples, DEBLOCK_THRESHOLD, threads);
        q.project(samples, threads);
        return samples;
    }

    /** Width of the image's part of component i's samples (the rest pads to whole blocks and MCUs). */
    static int usedWidth(JpegCoefficients c, int i) {
        return (c.width() * c.component(i).h() + c.hmax() - 1) / c.hmax();
    }

    static int usedHeight(JpegCoefficients c, int i) {
        return (c.height() * c.component(i).v() + c.vmax() - 1) / c.vmax();
    }

    /** Rebuilds the chroma planes (full size, CV_32F: y, cb, cr) from the luma, consistent with the file. */
    private static void chromaFromLuma(List<Mat> planes, JpegCoefficients c) {
        int w = c.width(), h = c.height();
        float[][] ycc = new float[3][w * h];
        for (int i = 0; i < 3; i++) planes.get(i).get(0, 0, ycc[i]);
        CHROMA_FROM_LUMA.apply(ycc, w, h, 1, 1, new JpegConsistency(c));
        for (int i = 1; i < 3; i++) planes.get(i).put(0, 0, ycc[i]);
    }

    /**
     * Robust noise sigma of an 8-bit image's luminance, in levels: the median absolute response of a
     * second-difference kernel (blind to flat areas and linear gradients), scaled to a Gaussian sigma; 0 for an image
     * without an inner pixel (under 3 px wide or high), which has no second difference to measure.
     */
    static double noiseSigma(Mat img8) {
        if (img8.rows() < 3 || img8.cols() < 3) return 0;
        Mat gray = new Mat(), f = new Mat(), r = new Mat();
        try {
            if (img8.channels() == 1) img8.convertTo(f, CvType.CV_32F);
            else {
                Imgproc.cvtColor(img8, gray, Imgproc.COLOR_BGR2GRAY);
                gray.convertTo(f, CvType.CV_32F);
            }
            Mat k = new Mat(3, 3, CvType.CV_32F);
            k.put(0, 0, 1, -2, 1, -2, 4, -2, 1, -2, 1);
            Imgproc.filter2D(f, r, CvType.CV_32F, k);
            k.release();
            Core.absdiff(r, new Scalar(0), r);
            Mat inner = r.submat(1, r.rows() - 1, 1, r.cols() - 1);
            float[] v = new float[(int) inner.total()];
            inner.clone().get(0, 0, v);
            return Selection.median(v, 0, v.length) / 0.6745 / 6.0;
        } finally {
            gray.release();
            f.release();
            r.release();
        }
    }

    /** What {@link #removeNoise} measured and did. */
    public record Noise(double sigma, boolean removed) {
    }

    /**
     * Measures the noise of an 8-bit image ({@link #noiseSigma}) and, when {@code allowed} and above
     * {@link #NOISE_THRESHOLD}, removes it in place ({@link #denoise}).
     */
    public static Noise removeNoise(Mat img8, boolean allowed) {
        double sigma = noiseSigma(img8);
        boolean remove = allowed && sigma > NOISE_THRESHOLD;
        if (remove) denoise(img8, sigma);
        return new Noise(sigma, remove);
    }

    /** Non-local means with the filter strength set to the measured noise (8-bit BGR or gray, in place). */
    static void denoise(Mat img8, double sigma) {
        Mat out = new Mat();
        float h = (float) sigma;
        if (img8.channels() == 1) Photo.fastNlMeansDenoising(img8, out, new MatOfFloat(h), 7, 21);
        else Photo.fastNlMeansDenoisingColored(img8, out, h, h, 7, 21);
        out.copyTo(img8);
        out.release();
    }

    /**
     * 2x upscale by the learned filters ({@link UpscaleFilters#shipped}): the base upscale (Lanczos, then one
     * back-projection round, so the base area-averages back to the input) plus per-pixel least-squares corrections
     * of luma and chroma, trained for PSNR on degraded portraits (bench/texture/source-restore-train); then, for the
     * pixels of a JPEG file (as stored), made consistent with the file ({@link ConsistentUpscale}).
     */
    static Mat upscale2x(Mat img8, JpegCoefficients file) {
        return ConsistentUpscale.upscale2x(UpscaleFilters.shipped(), img8, file);
    }

    /**
     * Heap the 2x upscale takes for a {@code width} x {@code height} input: the 2x YCbCr planes the consistency step
     * works on ({@link #PLANE_BYTES} per input pixel), and the larger of one strip's features
     * ({@link #STRIP_BYTES} per pixel of a strip and its halo, {@link UpscaleFilters#STRIP_ROWS} + 2
     * {@link UpscaleFeatures#HALO} rows) and a projection round's planes ({@link #PROJECTION_BYTES} per input pixel:
     * the luma's implied and corrected samples). Measured with texture-cli (docs/texture-engine.md, "source-restore",
     * Memory).
     */
    public static long upscaleHeapBytes(long width, long height) {
        long strip = STRIP_BYTES * width * Math.min(height, UpscaleFilters.STRIP_ROWS + 2L * UpscaleFeatures.HALO);
        return PLANE_BYTES * width * height + Math.max(strip, PROJECTION_BYTES * width * height);
    }

    static final long PLANE_BYTES = 48, STRIP_BYTES = 160, PROJECTION_BYTES = 8;
}
