package io.realskin.texture.engine;

import io.realskin.texture.concurrent.Parallel;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import static io.realskin.texture.engine.UpscaleFeatures.clamp;

/**
 * The learned step of source-restore's deblock: a least-squares linear correction of a JPEG's deblocked luma (after
 * the shifted-block thresholding and the projection onto the file's intervals), one filter per position of the
 * pixel in its 8x8 block and per local gradient strength. What thresholding leaves of the coding error is tied to the
 * block grid, so the position is what lets a linear filter undo it; the residual the thresholding removed (decoded
 * minus deblocked) lets it put back what of that was detail. Each filter reads the deblocked 3x3 neighbourhood
 * (differences from the centre), the residual's 5x5 and a constant. Trained by {@link DeblockTrainer} for PSNR on
 * portraits saved at JPEG quality 25; applied only to files of estimated quality up to {@link #MAX_QUALITY}: above
 * it, the filters were measured to cost PSNR (docs/texture-engine.md).
 */
public final class DeblockFilters {
    static final String RESOURCE = "source-restore-deblock.bin.gz";
    private static final int MAGIC = 0x52534442, VERSION = 1;
    static final int DEBLOCKED_RADIUS = 1, RESIDUAL_RADIUS = 2;
    static final int TAPS = (2 * DEBLOCKED_RADIUS + 1) * (2 * DEBLOCKED_RADIUS + 1) - 1
            + (2 * RESIDUAL_RADIUS + 1) * (2 * RESIDUAL_RADIUS + 1) + 1;
    static final int POSITIONS = 64, STRENGTHS = 3, BUCKETS = POSITIONS * STRENGTHS;
    /** Gradient strength (|horizontal| + |vertical| central difference of the deblocked luma, levels) bucket edges. */
    static final float[] STRENGTH_EDGES = {4f, 16f};
    /**
     * Highest estimated IJG quality the filters are applied to (trained on 25; measured to help at 10 and 25, and to
     * cost some images PSNR from 35 up).
     */
    static final int MAX_QUALITY = 30;
    private static volatile DeblockFilters shipped;

    /** [position * STRENGTHS + strength][tap] */
    final float[][] filters;

    DeblockFilters(float[][] filters) {
        this.filters = filters;
    }

    /** Filters that change nothing. */
    public static DeblockFilters none() {
        return new DeblockFilters(new float[BUCKETS][TAPS]);
    }

    /** The filters shipped in the engine's resources (trained by bench/texture/source-restore-train). */
    public static DeblockFilters shipped() {
        DeblockFilters f = shipped;
        if (f == null) shipped = f = FilterFile.load(RESOURCE, DeblockFilters::read);
        return f;
    }

    /** Whether a file whose luma table says {@code quality} is one the filters serve. */
    static boolean serves(int quality) {
        return quality <= MAX_QUALITY;
    }

    /**
     * Corrects {@code deblocked} in place: both planes are {@code stride} wide (whole blocks), the first
     * {@code width} x {@code height} samples are the image (edges replicated beyond them). Pixels whose windows lie
     * inside the image take a path without the edge clamps (the same sums in the same order as {@link #features});
     * rows run on up to {@code threads} threads (0 = every core), each reading the uncorrected plane.
     */
    void correct(float[] deblocked, float[] decoded, int stride, int width, int height, int threads) {
        float[] in = deblocked.clone(), residual = new float[in.length];
        for (int i = 0; i < in.length; i++) residual[i] = decoded[i] - in[i];
        int[] near = offsets(DEBLOCKED_RADIUS, stride, false), wide = offsets(RESIDUAL_RADIUS, stride, true);
        Parallel.forEach(height, threads, y -> correctRow(deblocked, in, decoded, residual, near, wide, stride, width, height, y));
    }

    private void correctRow(float[] out, float[] in, float[] decoded, float[] residual, int[] near, int[] wide, int stride,
                            int width, int height, int y) {
        int m = RESIDUAL_RADIUS;
        boolean innerRow = y >= m && y < height - m;
        float[] f = new float[TAPS];
        for (int x = 0; x < width; x++) {
            int i = y * stride + x;
            float s = 0;
            if (innerRow && x >= m && x < width - m) {
                float gradient = Math.abs(in[i + 1] - in[i - 1]) + Math.abs(in[i + stride] - in[i - stride]);
                float[] k = filters[bucketOf(gradient, x, y)];
                float centre = in[i];
                int t = 0;
                for (int o : near) s += k[t++] * (in[i + o] - centre);
                for (int o : wide) s += k[t++] * residual[i + o];
                s += k[t];
            } else {
                float[] k = filters[bucket(in, stride, width, height, x, y)];
                features(in, decoded, stride, width, height, x, y, f);
                for (int t = 0; t < TAPS; t++) s += k[t] * f[t];
            }
            out[i] = in[i] + s;
        }
    }

    /** Index offsets of a (2 r + 1)^2 window in row-major order, the centre left out unless {@code withCentre}. */
    private static int[] offsets(int r, int stride, boolean withCentre) {
        int[] o = new int[(2 * r + 1) * (2 * r + 1) - (withCentre ? 0 : 1)];
        int k = 0;
        for (int dy = -r; dy <= r; dy++) {
            for (int dx = -r; dx <= r; dx++) if (withCentre || dx != 0 || dy != 0) o[k++] = dy * stride + dx;
        }
        return o;
    }

    static int bucket(float[] deblocked, int stride, int width, int height, int x, int y) {
        int row = y * stride;
        float g = Math.abs(deblocked[row + clamp(x + 1, width)] - deblocked[row + clamp(x - 1, width)])
                + Math.abs(deblocked[clamp(y + 1, height) * stride + x] - deblocked[clamp(y - 1, height) * stride + x]);
        return bucketOf(g, x, y);
    }

    private static int bucketOf(float gradient, int x, int y) {
        int strength = gradient < STRENGTH_EDGES[0] ? 0 : gradient < STRENGTH_EDGES[1] ? 1 : 2;
        return ((y & 7) * 8 + (x & 7)) * STRENGTHS + strength;
    }

    /** The TAPS features of pixel (x, y) into f. */
    static void features(float[] deblocked, float[] decoded, int stride, int width, int height, int x, int y, float[] f) {
        float centre = deblocked[y * stride + x];
        int k = 0;
        for (int dy = -DEBLOCKED_RADIUS; dy <= DEBLOCKED_RADIUS; dy++) {
            int row = clamp(y + dy, height) * stride;
            for (int dx = -DEBLOCKED_RADIUS; dx <= DEBLOCKED_RADIUS; dx++) {
                if (dx != 0 || dy != 0) f[k++] = deblocked[row + clamp(x + dx, width)] - centre;
            }
        }
        for (int dy = -RESIDUAL_RADIUS; dy <= RESIDUAL_RADIUS; dy++) {
            int row = clamp(y + dy, height) * stride;
            for (int dx = -RESIDUAL_RADIUS; dx <= RESIDUAL_RADIUS; dx++) {
                int i = row + clamp(x + dx, width);
                f[k++] = decoded[i] - deblocked[i];
            }
        }
        f[k] = 1;
    }

    public void write(OutputStream out) throws IOException {
        FilterFile.write(out, header(), filters);
    }

    /** Reads filters written by {@link #write}; refuses a file made for other buckets or windows. */
    public static DeblockFilters read(InputStream in) throws IOException {
        DeblockFilters f = none();
        FilterFile.read(in, header(), f.filters);
        return f;
    }

    private static int[] header() {
        return new int[]{MAGIC, VERSION, BUCKETS, TAPS};
    }
}
