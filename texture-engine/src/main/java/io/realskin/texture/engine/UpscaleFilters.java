package io.realskin.texture.engine;

import org.opencv.core.CvType;
import org.opencv.core.Mat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import static io.realskin.texture.engine.UpscaleFeatures.CHROMA_BUCKETS;
import static io.realskin.texture.engine.UpscaleFeatures.CHROMA_TAPS;
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

    /** 2x upscale of an 8-bit BGR image (any size): 8-bit BGR, twice the width and height. */
    public Mat upscale2x(Mat bgr8) {
        return toBgr8(upscale2xYcc(bgr8), 2 * bgr8.cols(), 2 * bgr8.rows());
    }

    /**
     * 2x upscale of an 8-bit BGR image as JPEG YCbCr planes (levels, chroma centred on 128; y, cb, cr), twice the
     * width and height, not rounded: for a step that works on them before {@link #toBgr8}.
     */
    public float[][] upscale2xYcc(Mat bgr8) {
        UpscaleFeatures ft = new UpscaleFeatures(bgr8);
        int w = ft.width, h = ft.height, w2 = 2 * w;
        float[][] out = {ft.base[0].clone(), ft.base[1].clone(), ft.base[2].clone()};
        float[] fl = new float[LUMA_TAPS], fc = new float[CHROMA_TAPS];
        for (int y = 0; y < h; y++) {
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
        return out;
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
        byte[] px = new byte[w * h * 3];
        for (int i = 0; i < w * h; i++) {
            float y = ycc[0][i], cb = ycc[1][i] - 128f, cr = ycc[2][i] - 128f;
            px[3 * i] = clamp8(y + 1.772f * cb);
            px[3 * i + 1] = clamp8(y - 0.344136f * cb - 0.714136f * cr);
            px[3 * i + 2] = clamp8(y + 1.402f * cr);
        }
        Mat m = new Mat(h, w, CvType.CV_8UC3);
        m.put(0, 0, px);
        return m;
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
