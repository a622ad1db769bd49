package io.realskin.texture.engine;

import org.opencv.core.Mat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import static io.realskin.texture.engine.UpscaleFeatures.CHROMA_BUCKETS;
import static io.realskin.texture.engine.UpscaleFeatures.CHROMA_TAPS;
import static io.realskin.texture.engine.UpscaleFeatures.COHERENCES;
import static io.realskin.texture.engine.UpscaleFeatures.LUMA_BUCKETS;
import static io.realskin.texture.engine.UpscaleFeatures.LUMA_TAPS;
import static io.realskin.texture.engine.UpscaleFeatures.PHASES;
import static io.realskin.texture.engine.UpscaleFeatures.STRENGTHS;

/**
 * Trains {@link UpscaleFilters}: accumulates, per group of images (a source, so that filters can be solved without
 * the group being scored), the least-squares normal equations of every filter from (low-resolution, original)
 * pairs, and solves them with a ridge term. Flat pixels are many and alike, so they are subsampled more than edges
 * (their buckets are separate, so this does not bias any filter).
 */
public final class UpscaleTrainer {
    /** Sampling probability of a low-resolution pixel per gradient strength bucket (flat, medium, strong). */
    static final double[] LUMA_SAMPLING = {1 / 16.0, 1 / 4.0, 1.0};
    static final double[] CHROMA_SAMPLING = {1 / 64.0, 1 / 16.0, 1 / 4.0};

    /** Per group: luma equations [phase * LUMA_BUCKETS + bucket], then cb and cr [phase * CHROMA_BUCKETS + bucket]. */
    private final Map<String, NormalEquations[][]> groups = new LinkedHashMap<>();
    private int images;

    public Set<String> groups() {
        return groups.keySet();
    }

    /** Adds one pair: low is the 8-bit BGR input the upscale sees, truth the 8-bit BGR original of twice its size. */
    public void add(String group, Mat low, Mat truth) {
        if (truth.cols() != 2 * low.cols() || truth.rows() != 2 * low.rows()) {
            throw new IllegalArgumentException("truth must be twice the size of low");
        }
        NormalEquations[][] eq = groups.computeIfAbsent(group, g -> new NormalEquations[][]{
                new NormalEquations[PHASES * LUMA_BUCKETS], new NormalEquations[PHASES * CHROMA_BUCKETS], new NormalEquations[PHASES * CHROMA_BUCKETS]});
        UpscaleFeatures ft = new UpscaleFeatures(low);
        float[][] gt = UpscaleFeatures.ycc(truth);
        SplittableRandom random = new SplittableRandom(0x5EED + images++);
        int w = ft.width, h = ft.height, w2 = 2 * w;
        float[] fl = new float[LUMA_TAPS], fc = new float[CHROMA_TAPS];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x, strength = (ft.lumaBucket[i] / COHERENCES) % STRENGTHS;
                double r = random.nextDouble();
                if (r < LUMA_SAMPLING[strength]) {
                    ft.luma(x, y, fl);
                    addPhases(eq[0], LUMA_BUCKETS, ft.lumaBucket[i], fl, gt[0], ft.base[0], x, y, w2);
                }
                if (r < CHROMA_SAMPLING[strength]) {
                    for (int c = 0; c < 2; c++) {
                        ft.chroma(c, x, y, fc);
                        addPhases(eq[c + 1], CHROMA_BUCKETS, ft.chromaBucket[c][i], fc, gt[c + 1], ft.base[c + 1], x, y, w2);
                    }
                }
            }
        }
    }

    private static void addPhases(NormalEquations[] eq, int buckets, int bucket, float[] f, float[] gt, float[] base, int x, int y, int w2) {
        for (int p = 0; p < PHASES; p++) {
            int o = (2 * y + (p >> 1)) * w2 + 2 * x + (p & 1);
            int k = p * buckets + bucket;
            if (eq[k] == null) eq[k] = new NormalEquations(f.length);
            eq[k].add(f, gt[o] - base[o]);
        }
    }

    /**
     * Solves the filters from every group but {@code excluded} (null: all), with ridge {@code ridge} (levels^2 per
     * sample) on the correction.
     */
    public UpscaleFilters solve(String excluded, double ridge) {
        UpscaleFilters f = UpscaleFilters.none();
        float[][][] out = {f.luma, f.chroma[0], f.chroma[1]};
        for (int kind = 0; kind < 3; kind++) {
            for (int k = 0; k < out[kind].length; k++) {
                int filterKind = kind, filter = k;
                float[] w = NormalEquations.solve(groups, excluded, g -> g[filterKind][filter], ridge);
                if (w != null) out[kind][k] = w; // else a bucket too rare keeps the base upscale (zero correction)
            }
        }
        return f;
    }
}
