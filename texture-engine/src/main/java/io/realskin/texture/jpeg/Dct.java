package io.realskin.texture.jpeg;

/**
 * The orthonormal 8x8 DCT of T.81 A.3.3 in floating point, and scaled inverses that make an N x N (N = 4, 2, 1)
 * reduced image from the low-frequency coefficients of each block (a 1/2, 1/4, 1/8 preview without a full decode).
 *
 * <p>The 8- and 4-point transforms are written out as even/odd butterflies over local variables: the same sums as
 * the basis matrix (in another order, so a float result may differ in its last bits), in about a third of the
 * multiplications, and code the client compiler (the CLI's) keeps in registers without an array bound check per term.
 */
public final class Dct {
    /** BASIS[n][k] = C(k)/2 * cos((2n+1) k pi / 16): pixel n from coefficient k, and its transpose forward. */
    private static final float[][] BASIS = basis(8);
    private static final float[][][] SCALED = {null, basis(1), basis(2), null, basis(4), null, null, null, BASIS};

    // 8 points: C0 = BASIS[n][0] for every n, C4 = |BASIS[n][4]|; even coefficients 2 and 6 need A and B;
    // Om_j = BASIS[m][2j+1], the odd part's 4 x 4 matrix
    private static final float C0 = BASIS[0][0], C4 = BASIS[0][4], A = BASIS[0][2], B = BASIS[0][6];
    private static final float O00 = BASIS[0][1], O01 = BASIS[0][3], O02 = BASIS[0][5], O03 = BASIS[0][7];
    private static final float O10 = BASIS[1][1], O11 = BASIS[1][3], O12 = BASIS[1][5], O13 = BASIS[1][7];
    private static final float O20 = BASIS[2][1], O21 = BASIS[2][3], O22 = BASIS[2][5], O23 = BASIS[2][7];
    private static final float O30 = BASIS[3][1], O31 = BASIS[3][3], O32 = BASIS[3][5], O33 = BASIS[3][7];
    // 4 points (scaled to an 8-point block's coefficients): Q0 = basis4[n][0], Q2 = |basis4[n][2]|, odd Q1, Q3
    private static final float Q0 = SCALED[4][0][0], Q2 = SCALED[4][0][2], Q1 = SCALED[4][0][1], Q3 = SCALED[4][0][3];

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
     * {@code scratch} holds at least 64 floats.
     */
    public static void inverse(short[] coefficients, int off, int[] quant, int n, byte[] out, int outOff, int stride,
                               float[] scratch) {
        if (n == 8) {
            inverse8(coefficients, off, quant, out, outOff, stride, scratch);
        } else if (n == 4) {
            inverse4(coefficients, off, quant, out, outOff, stride, scratch);
        } else {
            inverseSmall(coefficients, off, quant, n, out, outOff, stride, scratch);
        }
    }

    /** Columns first (an all-zero column stays zero, a column with only its top coefficient is flat), then rows. */
    private static void inverse8(short[] co, int off, int[] q, byte[] out, int outOff, int stride, float[] t) {
        for (int u = 0; u < 8; u++) {
            int i = off + u;
            int a1 = co[i + 8], a2 = co[i + 16], a3 = co[i + 24], a4 = co[i + 32], a5 = co[i + 40], a6 = co[i + 48],
                    a7 = co[i + 56];
            float x0 = co[i] * q[u];
            if ((a1 | a2 | a3 | a4 | a5 | a6 | a7) == 0) {
                float flat = C0 * x0;
                for (int y = 0; y < 8; y++) t[y * 8 + u] = flat;
                continue;
            }
            points8(x0, a1 * q[8 + u], a2 * q[16 + u], a3 * q[24 + u], a4 * q[32 + u], a5 * q[40 + u], a6 * q[48 + u],
                    a7 * q[56 + u], t, u, 8);
        }
        for (int r = 0; r < 64; r += 8) {
            points8(t[r], t[r + 1], t[r + 2], t[r + 3], t[r + 4], t[r + 5], t[r + 6], t[r + 7], t, r, 1);
        }
        for (int y = 0; y < 8; y++) {
            for (int x = 0, o = outOff + y * stride; x < 8; x++) out[o + x] = sample(t[y * 8 + x]);
        }
    }

    /**
     * One 8-point inverse into {@code t[at + n * step]} (n = 0..7): a column of a row-major block with step 8, a row
     * with step 1 (its inputs are read before anything is written, so a row may be transformed in place).
     */
    private static void points8(float x0, float x1, float x2, float x3, float x4, float x5, float x6, float x7, float[] t,
                                int at, int step) {
        float ee0 = C0 * x0 + C4 * x4, ee1 = C0 * x0 - C4 * x4;
        float eo0 = A * x2 + B * x6, eo1 = B * x2 - A * x6;
        float e0 = ee0 + eo0, e3 = ee0 - eo0, e1 = ee1 + eo1, e2 = ee1 - eo1;
        float o0 = O00 * x1 + O01 * x3 + O02 * x5 + O03 * x7;
        float o1 = O10 * x1 + O11 * x3 + O12 * x5 + O13 * x7;
        float o2 = O20 * x1 + O21 * x3 + O22 * x5 + O23 * x7;
        float o3 = O30 * x1 + O31 * x3 + O32 * x5 + O33 * x7;
        t[at] = e0 + o0;
        t[at + step] = e1 + o1;
        t[at + 2 * step] = e2 + o2;
        t[at + 3 * step] = e3 + o3;
        t[at + 4 * step] = e3 - o3;
        t[at + 5 * step] = e2 - o2;
        t[at + 6 * step] = e1 - o1;
        t[at + 7 * step] = e0 - o0;
    }

    /** The 4 x 4 low coefficients to a 4 x 4 preview block: columns, then rows. */
    private static void inverse4(short[] co, int off, int[] q, byte[] out, int outOff, int stride, float[] t) {
        for (int u = 0; u < 4; u++) {
            int i = off + u;
            float x0 = co[i] * q[u], x1 = co[i + 8] * q[8 + u], x2 = co[i + 16] * q[16 + u], x3 = co[i + 24] * q[24 + u];
            float e0 = Q0 * x0 + Q2 * x2, e1 = Q0 * x0 - Q2 * x2;
            float o0 = Q1 * x1 + Q3 * x3, o1 = Q3 * x1 - Q1 * x3;
            t[u] = e0 + o0;
            t[4 + u] = e1 + o1;
            t[8 + u] = e1 - o1;
            t[12 + u] = e0 - o0;
        }
        for (int y = 0; y < 4; y++) {
            int r = y * 4, o = outOff + y * stride;
            float x0 = t[r], x1 = t[r + 1], x2 = t[r + 2], x3 = t[r + 3];
            float e0 = Q0 * x0 + Q2 * x2, e1 = Q0 * x0 - Q2 * x2;
            float o0 = Q1 * x1 + Q3 * x3, o1 = Q3 * x1 - Q1 * x3;
            out[o] = sample(e0 + o0);
            out[o + 1] = sample(e1 + o1);
            out[o + 2] = sample(e1 - o1);
            out[o + 3] = sample(e0 - o0);
        }
    }

    /** The basis-matrix form, for the 2 x 2 and 1 x 1 previews (a few terms each). */
    private static void inverseSmall(short[] coefficients, int off, int[] quant, int n, byte[] out, int outOff, int stride,
                                     float[] tmp) {
        float[][] b = SCALED[n];
        for (int i = 0; i < n * n; i++) tmp[i] = 0;
        for (int v = 0; v < n; v++) {
            for (int u = 0; u < n; u++) {
                float c = coefficients[off + v * 8 + u] * quant[v * 8 + u];
                for (int y = 0; y < n; y++) tmp[y * n + u] += b[y][v] * c;
            }
        }
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                float s = 0;
                for (int u = 0; u < n; u++) s += b[x][u] * tmp[y * n + u];
                out[outOff + y * stride + x] = sample(s);
            }
        }
    }

    /** A level-shifted sample rounded half up and clamped to 0..255. */
    private static byte sample(float s) {
        // truncation is floor for s + 128.5 >= 0, and every negative sum clamps to 0 either way: the same samples,
        // without Math.floor, which the client compiler does not inline
        int p = (int) (s + 128.5f);
        return (byte) (p < 0 ? 0 : Math.min(p, 255));
    }

    /** Inverse DCT of 64 dequantised coefficients (natural order) to 64 samples, in floating point, no level shift. */
    public static void inverse(float[] coefficients, float[] out, float[] scratch) {
        for (int u = 0; u < 8; u++) {
            points8(coefficients[u], coefficients[8 + u], coefficients[16 + u], coefficients[24 + u], coefficients[32 + u],
                    coefficients[40 + u], coefficients[48 + u], coefficients[56 + u], scratch, u, 8);
        }
        for (int r = 0; r < 64; r += 8) {
            points8(scratch[r], scratch[r + 1], scratch[r + 2], scratch[r + 3], scratch[r + 4], scratch[r + 5], scratch[r + 6],
                    scratch[r + 7], out, r, 1);
        }
    }

    /** Forward DCT of 64 samples (row-major, no level shift needed for differences) into {@code out}, natural order. */
    public static void forward(float[] samples, float[] out, float[] scratch) {
        for (int y = 0; y < 8; y++) {
            int r = y * 8;
            forward8(samples[r], samples[r + 1], samples[r + 2], samples[r + 3], samples[r + 4], samples[r + 5],
                    samples[r + 6], samples[r + 7], scratch, r, 1);
        }
        for (int u = 0; u < 8; u++) {
            forward8(scratch[u], scratch[8 + u], scratch[16 + u], scratch[24 + u], scratch[32 + u], scratch[40 + u],
                    scratch[48 + u], scratch[56 + u], out, u, 8);
        }
    }

    /** One 8-point forward DCT (the transpose of the inverse's butterflies) into {@code t[at + k * step]}. */
    private static void forward8(float x0, float x1, float x2, float x3, float x4, float x5, float x6, float x7, float[] t,
                                 int at, int step) {
        float s0 = x0 + x7, s1 = x1 + x6, s2 = x2 + x5, s3 = x3 + x4;
        float d0 = x0 - x7, d1 = x1 - x6, d2 = x2 - x5, d3 = x3 - x4;
        float p = s0 + s3, m = s0 - s3, r = s1 + s2, n = s1 - s2;
        t[at] = C0 * (p + r);
        t[at + 4 * step] = C4 * (p - r);
        t[at + 2 * step] = A * m + B * n;
        t[at + 6 * step] = B * m - A * n;
        t[at + step] = O00 * d0 + O10 * d1 + O20 * d2 + O30 * d3;
        t[at + 3 * step] = O01 * d0 + O11 * d1 + O21 * d2 + O31 * d3;
        t[at + 5 * step] = O02 * d0 + O12 * d1 + O22 * d2 + O32 * d3;
        t[at + 7 * step] = O03 * d0 + O13 * d1 + O23 * d2 + O33 * d3;
    }
}
