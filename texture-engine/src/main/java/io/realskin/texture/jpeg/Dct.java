package io.realskin.texture.jpeg;

/**
 * The orthonormal 8x8 DCT of T.81 A.3.3 in floating point.
 */
public final class Dct {
    /** BASIS[n][k] = C(k)/2 * cos((2n+1) k pi / 16): pixel n from coefficient k, and its transpose forward. */
    private static final float[][] BASIS = basis(8);

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
