package io.realskin.texture.engine;

import io.realskin.texture.jpeg.JpegCoefficients;
import io.realskin.texture.jpeg.QuantizationConstraint;
import org.opencv.core.Mat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static io.realskin.texture.engine.DeblockFilters.BUCKETS;
import static io.realskin.texture.engine.DeblockFilters.TAPS;

/**
 * Trains {@link DeblockFilters}: accumulates, per group of files (a source, so that filters can be solved without the
 * group being scored), the normal equations of every filter from a JPEG and the luma it was made from, every pixel
 * of the image, and solves them with a ridge term.
 */
public final class DeblockTrainer {
    private final Map<String, NormalEquations[]> groups = new LinkedHashMap<>();

    public Set<String> groups() {
        return groups.keySet();
    }

    /** Adds one file: {@code original} is the 8-bit BGR image the file encodes (stored upright, the file's size). */
    public void add(String group, JpegCoefficients file, Mat original) {
        int w = SourceRestorer.usedWidth(file, 0), h = SourceRestorer.usedHeight(file, 0);
        if (original.cols() != w || original.rows() != h) throw new IllegalArgumentException("the original must be the file's size");
        float[] truthLuma = UpscaleFeatures.ycc(original)[0];
        NormalEquations[] eq = groups.computeIfAbsent(group, g -> new NormalEquations[BUCKETS]);
        QuantizationConstraint q = new QuantizationConstraint(file, 0);
        float[] decoded = q.decode(), deblocked = SourceRestorer.thresholded(q, decoded, 0), f = new float[TAPS];
        int stride = q.width();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int b = DeblockFilters.bucket(deblocked, stride, w, h, x, y);
                DeblockFilters.features(deblocked, decoded, stride, w, h, x, y, f);
                if (eq[b] == null) eq[b] = new NormalEquations(TAPS);
                eq[b].add(f, truthLuma[y * w + x] - deblocked[y * stride + x]);
            }
        }
    }

    /** Solves the filters from every group but {@code excluded} (null: all), with ridge {@code ridge} (levels^2 per sample). */
    public DeblockFilters solve(String excluded, double ridge) {
        DeblockFilters f = DeblockFilters.none();
        for (int b = 0; b < BUCKETS; b++) {
            int bucket = b;
            float[] w = NormalEquations.solve(groups, excluded, g -> g[bucket], ridge);
            if (w != null) f.filters[b] = w;
        }
        return f;
    }
}
