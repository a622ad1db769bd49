package io.realskin.texture.engine;

import org.opencv.core.CvType;
import org.opencv.core.Mat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;

import static io.realskin.texture.engine.UpscaleFeatures.CHROMA_BUCKETS;
import static io.realskin.texture.engine.UpscaleFeatures.CHROMA_TAPS;
import static io.realskin.texture.engine.UpscaleFeatures.HALO;
import static io.realskin.texture.engine.UpscaleFeatures.LUMA_BUCKETS;
import static io.realskin.texture.engine.UpscaleFeatures.LUMA_TAPS;
import static io.realskin.texture.engine.UpscaleFeatures.PHASES;

/**
 * The learned 2x upscale of source-restore: least-squares linear filters, one per output phase (the 2x2 output
 * pixels of an input pixel) and per bucket of {@link UpscaleFeatures}, each adding a correction to the base upscale
 * (Lanczos + one back-projection round). Luma filters read a 7x7 luma window (RAISR); chroma filters read a 5x5
 * window of the chroma and of the luma scaled by the local chroma-on-luma slope, so chroma edges follow luma edges.
 * Trained by {@link UpscaleTrainer} to minimise the squared error (PSNR) on degraded/original pairs: a regression
 * to the expected original, which sharpens edges and cannot add texture the input does not imply.
 */
public final class UpscaleFilters {
    static final String RESOURCE = "source-restore-filters.bin.gz";
    private static final int MAGIC = 0x52535550, VERSION = 1;
    private static volatile UpscaleFilters shipped;

    /** [phase * LUMA_BUCKETS + bucket][tap] */
    final float[][] luma;
    /** [plane (0 = cb, 1 = cr)][phase * CHROMA_BUCKETS + bucket][tap] */
    final float[][][] chroma;

    UpscaleFilters(float[][] luma, float[][][] chroma) {
        this.luma = luma;
        this.chroma = chroma;
    }

    /** Filters that add nothing: the result is the base upscale. */
    public static UpscaleFilters none() {
        return new UpscaleFilters(new float[PHASES * LUMA_BUCKETS][LUMA_TAPS],
                new float[2][PHASES * CHROMA_BUCKETS][CHROMA_TAPS]);
    }

    /** The filters shipped in the engine's resources (trained by bench/texture/source-restore-train). */
    public static UpscaleFilters shipped() {
        UpscaleFilters f = shipped;
        if (f == null) shipped = f = FilterFile.load(RESOURCE, UpscaleFilters::read);
        return f;
    }

    /**
     * Input rows each strip of the upscale computes its output for (docs/texture-engine.md, "source-restore",
     * Memory); each strip's features are computed on it and {@link UpscaleFeatures#HALO} rows above and below, so
     * every output pixel is the one the whole image's features give.
     */
    static final int STRIP_ROWS = 128;

    /** 2x upscale of an 8-bit BGR image (any size): 8-bit BGR, twice the width and height. */
    public Mat upscale2x(Mat bgr8) {
        return upscale2x(bgr8, STRIP_ROWS);
    }

    /** {@link #upscale2x(Mat)} computed in strips of {@code stripRows} input rows, each converted as it is done. */
    Mat upscale2x(Mat bgr8, int stripRows) {
        int w2 = 2 * bgr8.cols();
        Mat out = new Mat(2 * bgr8.rows(), w2, CvType.CV_8UC3);
        strips(bgr8, stripRows, (y, rows, planes, from) -> putBgr8(planes, from, out, 2 * y, 2 * rows));
        return out;
    }

    /**
     * 2x upscale of an 8-bit BGR image as JPEG YCbCr planes (levels, chroma centred on 128; y, cb, cr), twice the
     * width and height, not rounded: for a step that works on them before {@link #toBgr8}.
     */
    public float[][] upscale2xYcc(Mat bgr8) {
        return upscale2xYcc(bgr8, STRIP_ROWS);
    }

    /** {@link #upscale2xYcc(Mat)} computed in strips of {@code stripRows} input rows. */
    float[][] upscale2xYcc(Mat bgr8, int stripRows) {
        int w2 = 2 * bgr8.cols();
        float[][] out = new float[3][4 * bgr8.cols() * bgr8.rows()];
        strips(bgr8, stripRows, (y, rows, planes, from) -> {
            for (int c = 0; c < 3; c++) System.arraycopy(planes[c], from, out[c], 2 * y * w2, 2 * rows * w2);
        });
        return out;
    }

    /** Where a strip's 2x rows go: input rows y .. y + rows - 1, whose 2x rows start at index {@code from} of planes. */
    private interface Strip {
        void accept(int y, int rows, float[][] planes, int from);
    }

    /**
     * The upscale strip by strip: each strip's features on its rows and HALO rows either side (the image's own edge
     * where there are fewer), the base upscale of those rows corrected on the strip's rows and given to {@code sink}.
     */
    private void strips(Mat bgr8, int stripRows, Strip sink) {
        if (stripRows < 1) throw new IllegalArgumentException("strips of " + stripRows + " rows");
        int w = bgr8.cols(), h = bgr8.rows(), w2 = 2 * w;
        float[] fl = new float[LUMA_TAPS], fc = new float[CHROMA_TAPS];
        for (int top = 0; top < h; top += stripRows) {
            int end = Math.min(h, top + stripRows);
            int from = Math.max(0, top - HALO), to = Math.min(h, end + HALO);
            Mat region = from == 0 && to == h ? bgr8 : bgr8.rowRange(from, to);
            UpscaleFeatures ft = new UpscaleFeatures(region);
            if (region != bgr8) region.release();
            float[][] out = ft.base;
            for (int y = top - from; y < end - from; y++) {
                for (int x = 0; x < w; x++) {
                    int i = y * w + x;
                    ft.luma(x, y, fl);
                    correct(out[0], luma, LUMA_BUCKETS, ft.lumaBucket[i], fl, x, y, w2);
                    for (int c = 0; c < 2; c++) {
                        ft.chroma(c, x, y, fc);
                        correct(out[c + 1], chroma[c], CHROMA_BUCKETS, ft.chromaBucket[c][i], fc, x, y, w2);
                    }
                }
            }
            sink.accept(top, end - top, out, 2 * (top - from) * w2);
        }
    }

    private static void correct(float[] plane, float[][] filters, int buckets, int bucket, float[] f, int x, int y, int w2) {
        for (int p = 0; p < PHASES; p++) {
            float[] k = filters[p * buckets + bucket];
            float s = 0;
            for (int t = 0; t < f.length; t++) s += k[t] * f[t];
            plane[(2 * y + (p >> 1)) * w2 + 2 * x + (p & 1)] += s;
        }
    }

    /** JPEG YCbCr planes to 8-bit BGR (rounded, clamped). */
    public static Mat toBgr8(float[][] ycc, int w, int h) {
        Mat m = new Mat(h, w, CvType.CV_8UC3);
        putBgr8(ycc, 0, m, 0, h);
        return m;
    }

    /** Rows {@code y .. y + rows - 1} of {@code bgr8} from the planes' pixels from index {@code from}, a band at a time. */
    private static void putBgr8(float[][] ycc, int from, Mat bgr8, int y, int rows) {
        int w = bgr8.cols(), band = Math.max(1, Math.min(rows, (1 << 20) / (3 * w)));
        byte[] px = new byte[band * w * 3];
        for (int r = 0; r < rows; r += band) {
            int n = Math.min(band, rows - r) * w, at = from + r * w;
            for (int i = 0; i < n; i++) {
                float l = ycc[0][at + i], cb = ycc[1][at + i] - 128f, cr = ycc[2][at + i] - 128f;
                px[3 * i] = clamp8(l + 1.772f * cb);
                px[3 * i + 1] = clamp8(l - 0.344136f * cb - 0.714136f * cr);
                px[3 * i + 2] = clamp8(l + 1.402f * cr);
            }
            if (n == band * w) bgr8.put(y + r, 0, px);
            else bgr8.put(y + r, 0, Arrays.copyOf(px, n * 3));
        }
    }

    private static byte clamp8(float v) {
        int r = Math.round(v);
        return (byte) (r < 0 ? 0 : Math.min(r, 255));
    }

    public void write(OutputStream out) throws IOException {
        FilterFile.write(out, header(), luma, chroma[0], chroma[1]);
    }

    /** Reads filters written by {@link #write}; refuses a file made for other buckets or windows. */
    public static UpscaleFilters read(InputStream in) throws IOException {
        UpscaleFilters f = none();
        FilterFile.read(in, header(), f.luma, f.chroma[0], f.chroma[1]);
        return f;
    }

    private static int[] header() {
        return new int[]{MAGIC, VERSION, PHASES, LUMA_BUCKETS, LUMA_TAPS, CHROMA_BUCKETS, CHROMA_TAPS};
    }
}
