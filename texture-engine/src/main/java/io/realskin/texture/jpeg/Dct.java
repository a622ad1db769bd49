package io.realskin.texture.jpeg;

/**
 * The orthonormal 8x8 DCT of T.81 A.3.3 in floating point, and scaled inverses that make an N x N (N = 4, 2, 1)
 * reduced image from the low-frequency coefficients of each block (a 1/2, 1/4, 1/8 preview without a full decode).
 */
public final class Dct {
    /** BASIS[n][k] = C(k)/2 * cos((2n+1) k pi / 16): pixel n from coefficient k, and its transpose forward. */
    private static final float[][] BASIS = basis(8);
    private static final float[][][] SCALED = {null, basis(1), basis(2), null, basis(4), null, null, null, BASIS};

    private Dct() {
    }

    /** N-point inverse for coefficients of an 8-point DCT, scaled so a flat block keeps its level. */
    private static float[][] basis(int n) {
        float[][] b = new float[n][n];
        for (int x = 0; x < n; x++) {
            for (int k = 0; k < n; k++) {
                double c = k == 0 ? Math.sqrt(1.0 / n) : Math.sqrt(2.0 / n);
                b[x][k] = (float) (Math.sqrt(n / 8.0) * c * Math.cos((2 * x + 1) * k * Math.PI / (2 * n)));
            }
        }
        return b;
    }

    /**
     * Inverse DCT of one block to n x n samples (n = 8 full size, 4, 2 or 1 reduced): dequantises
     * {@code coefficients[off..off+63]} with {@code quant} (natural order), adds the level shift of 128, rounds and
     * clamps to 0..255, writes row-major into {@code out} at {@code outOff} with row stride {@code stride}.
     */
    public static void inverse(short[] coefficients, int off, int[] quant, int n, byte[] out, int outOff, int stride,
                               float[] scratch) {
        float[][] b = SCALED[n];
        float[] tmp = scratch; // n rows x 8 columns: vertical pass first
        for (int x = 0; x < 8; x++) {
            for (int y = 0; y < n; y++) tmp[y * 8 + x] = 0;
        }
        int columns = 0; // bit u: column u has a non-zero coefficient
        for (int v = 0; v < n; v++) {
            for (int u = 0; u < n; u++) {
                int q = coefficients[off + v * 8 + u];
                if (q == 0) continue;
                columns |= 1 << u;
                float c = q * quant[v * 8 + u];
                for (int y = 0; y < n; y++) tmp[y * 8 + u] += b[y][v] * c;
            }
        }
        // an all-zero column adds only zeros to each sum, so leaving it out gives the same samples
        int last = 32 - Integer.numberOfLeadingZeros(columns);
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                float s = 128.5f;
                float[] bx = b[x];
                for (int u = 0; u < last; u++) {
                    if ((columns & 1 << u) != 0) s += bx[u] * tmp[y * 8 + u];
                }
                // truncation is floor for s >= 0, and every s < 0 clamps to 0 either way: the same samples, without
                // Math.floor, which the client compiler (the CLI's) does not inline
                int p = (int) s;
                out[outOff + y * stride + x] = (byte) (p < 0 ? 0 : Math.min(p, 255));
            }
        }
    }

    /** Inverse DCT of 64 dequantised coefficients (natural order) to 64 samples, in floating point, no level shift. */
    public static void inverse(float[] coefficients, float[] out, float[] scratch) {
        for (int y = 0; y < 8; y++) {
            for (int u = 0; u < 8; u++) {
                float s = 0;
                for (int v = 0; v < 8; v++) s += BASIS[y][v] * coefficients[v * 8 + u];
                scratch[y * 8 + u] = s;
            }
        }
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                float s = 0;
                for (int u = 0; u < 8; u++) s += BASIS[x][u] * scratch[y * 8 + u];
                out[y * 8 + x] = s;
            }
        }
    }

    /** Forward DCT of 64 samples (row-major, no level shift needed for differences) into {@code out}, natural order. */
    public static void forward(float[] samples, float[] out, float[] scratch) {
        for (int y = 0; y < 8; y++) {
            for (int u = 0; u < 8; u++) {
                float s = 0;
                for (int x = 0; x < 8; x++) s += BASIS[x][u] * samples[y * 8 + x];
                scratch[y * 8 + u] = s;
            }
        }
        for (int v = 0; v < 8; v++) {
            for (int u = 0; u < 8; u++) {
                float s = 0;
                for (int y = 0; y < 8; y++) s += BASIS[y][v] * scratch[y * 8 + u];
                out[v * 8 + u] = s;
            }
        }
    }
}
