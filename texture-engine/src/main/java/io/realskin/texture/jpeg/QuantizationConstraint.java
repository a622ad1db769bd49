package io.realskin.texture.jpeg;

import io.realskin.texture.concurrent.Parallel;

/**
 * What a JPEG says about one component's samples: each DCT coefficient of each block lies within half a
 * quantisation step of the coded value. {@link #project} moves samples to the nearest image the file could have
 * come from (per coefficient, clamped into its interval): the constraint step of deblocking by projection onto
 * convex sets, which removes blocking and ringing without moving away from what the file encodes.
 * {@link #smoothShifted} is the smoothing step before it.
 */
public final class QuantizationConstraint {
    private final JpegComponent component;
    private final int[] quant;
    private final int width;
    private final int height;

    public QuantizationConstraint(JpegCoefficients c, int componentIndex) {
        this.component = c.components[componentIndex];
        this.quant = c.quantOf(component);
        this.width = component.blocksWide * 8;
        this.height = component.blocksHigh * 8;
    }

    /** Width of the sample plane (whole blocks, MCU padding included). */
    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The samples the file encodes (dequantised coefficients, inverse DCT, level shift; not rounded or clamped). */
    public float[] decode() {
        float[] plane = new float[width * height];
        float[] freq = new float[64], block = new float[64], scratch = new float[64];
        short[] co = component.coefficients;
        for (int by = 0; by < component.blocksHigh; by++) {
            for (int bx = 0; bx < component.blocksWide; bx++) {
                int off = component.offset(bx, by);
                for (int k = 0; k < 64; k++) freq[k] = co[off + k] * quant[k];
                Dct.inverse(freq, block, scratch);
                store(plane, bx, by, block);
            }
        }
        return plane;
    }

    /**
     * Shifted-block DCT thresholding: for 16 block grids (shifts of 0, 2, 4, 6 px in x and y), every 8x8 block's
     * AC coefficients smaller than {@code threshold} x the component's quantisation step are zeroed, and the 16
     * results averaged, each block's weighted by the inverse of the number of coefficients it kept (DC included): a
     * block that stays sparse after thresholding fits the image well, one that keeps many terms carries more of the
     * coding noise (the sparsity-adaptive weighting of overcomplete DCT denoising). Blocking edges of the coded grid
     * lie inside the shifted blocks, where they are small high-frequency terms, so they average away; real edges are
     * large and survive. In place.
     */
    public void smoothShifted(float[] plane, float threshold, int threads) {
        float[] acc = new float[plane.length], weight = new float[plane.length];
        for (int dy = 0; dy < 8; dy += 2) {
            for (int dx = 0; dx < 8; dx += 2) {
                int gridY = dy, gridX = dx, rows = (height - dy) / 8;
                // one grid's blocks do not overlap: its block rows run side by side, each pixel still summed grid by grid
                Parallel.forEach(rows, threads, r -> smoothRow(plane, threshold, gridY + 8 * r, gridX, acc, weight));
            }
        }
        for (int i = 0; i < plane.length; i++) if (weight[i] > 0) plane[i] = acc[i] / weight[i];
    }

    private void smoothRow(float[] plane, float threshold, int by, int dx, float[] acc, float[] weight) {
        float[] s = new float[64], f = new float[64], scratch = new float[64];
        for (int bx = dx; bx + 8 <= width; bx += 8) {
            for (int y = 0; y < 8; y++) {
                for (int x = 0; x < 8; x++) s[y * 8 + x] = plane[(by + y) * width + bx + x] - 128f;
            }
            Dct.forward(s, f, scratch);
            int kept = 1;
            for (int k = 1; k < 64; k++) {
                if (Math.abs(f[k]) < threshold * quant[k]) f[k] = 0;
                else kept++;
            }
            float w = 1f / kept;
            Dct.inverse(f, s, scratch);
            for (int y = 0; y < 8; y++) {
                for (int x = 0; x < 8; x++) {
                    int i = (by + y) * width + bx + x;
                    acc[i] += w * (s[y * 8 + x] + 128f);
                    weight[i] += w;
                }
            }
        }
    }

    /** Projects {@code plane} (as from {@link #decode}) onto the quantisation intervals, in place. */
    public void project(float[] plane) {
        project(plane, 1);
    }

    /** {@link #project(float[])} with its block rows on up to {@code threads} threads (blocks are independent). */
    public void project(float[] plane, int threads) {
        Parallel.forEach(component.blocksHigh, threads, by -> projectRow(plane, by));
    }

    private void projectRow(float[] plane, int by) {
        float[] samples = new float[64], freq = new float[64], scratch = new float[64];
        short[] co = component.coefficients;
        for (int bx = 0; bx < component.blocksWide; bx++) {
            int base = by * 8 * width + bx * 8;
            for (int y = 0; y < 8; y++) {
                for (int x = 0; x < 8; x++) samples[y * 8 + x] = plane[base + y * width + x] - 128f;
            }
            Dct.forward(samples, freq, scratch);
            int off = component.offset(bx, by);
            for (int k = 0; k < 64; k++) {
                float q = quant[k];
                float lo = (co[off + k] - 0.5f) * q, hi = (co[off + k] + 0.5f) * q;
                freq[k] = Math.max(lo, Math.min(hi, freq[k]));
            }
            Dct.inverse(freq, samples, scratch);
            store(plane, bx, by, samples);
        }
    }

    private void store(float[] plane, int bx, int by, float[] block) {
        int base = by * 8 * width + bx * 8;
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) plane[base + y * width + x] = block[y * 8 + x] + 128f;
        }
    }
}
