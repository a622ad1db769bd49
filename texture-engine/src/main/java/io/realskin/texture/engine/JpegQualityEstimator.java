package io.realskin.texture.engine;

/**
 * Estimates the IJG quality (1..100) a JPEG was saved with from its luminance quantisation table,
 * so the result is re-encoded at the same quality. Pure Java.
 */
final class JpegQualityEstimator {
    /** IJG standard luminance table (Annex K), in zig-zag order as stored in DQT segments. */
    private static final int[] STD_LUMA_ZIGZAG = {
        16, 11, 12, 14, 12, 10, 16, 14, 13, 14, 18, 17, 16, 19, 24, 40, 26, 24, 22, 22, 24, 49, 35, 37, 29, 40, 58, 51,
        61, 60, 57, 51, 56, 55, 64, 72, 92, 78, 64, 68, 87, 69, 55, 56, 80, 109, 81, 87, 95, 98, 103, 104, 103, 62, 77,
        113, 121, 112, 100, 120, 92, 101, 103, 99};

    public static final int DEFAULT_QUALITY = 92;
    /** The identity order: a table as a DQT segment stores it. */
    private static final int[] IN_ORDER = new int[64];

    static {
        for (int k = 0; k < 64; k++) IN_ORDER[k] = k;
    }

    private JpegQualityEstimator() {
    }

    /** Quality estimate, or {@link #DEFAULT_QUALITY} when the bytes carry no luminance table. */
    public static int estimate(byte[] b) {
        int[] table = lumaTable(b);
        return table == null ? DEFAULT_QUALITY : estimate(table, IN_ORDER);
    }

    /**
     * Quality estimate of a luminance table whose zig-zag position k holds at {@code table[zigzag[k]]} (the identity
     * for a table as a DQT segment stores it, {@code JpegCoefficients.ZIGZAG} for one in natural order).
     */
    static int estimate(int[] table, int[] zigzag) {
        double sum = 0;
        for (int i = 0; i < 64; i++) sum += table[zigzag[i]] * 100.0 / STD_LUMA_ZIGZAG[i];
        double scale = sum / 64.0;
        double q = scale <= 100 ? (200 - scale) / 2.0 : 5000.0 / scale;
        return (int) Math.max(1, Math.min(100, Math.round(q)));
    }

    static int[] lumaTable(byte[] b) {
        if (b == null || b.length < 4 || (b[0] & 0xFF) != 0xFF || (b[1] & 0xFF) != 0xD8) return null;
        int pos = 2;
        while (pos + 4 <= b.length) {
            if ((b[pos] & 0xFF) != 0xFF) return null;
            int marker = b[pos + 1] & 0xFF;
            if (marker == 0xDA || marker == 0xD9) return null;
            int len = (b[pos + 2] & 0xFF) << 8 | (b[pos + 3] & 0xFF);
            if (marker == 0xDB) {
                int p = pos + 4;
                int end = Math.min(b.length, pos + 2 + len);
                while (p < end) {
                    int pqTq = b[p] & 0xFF;
                    boolean sixteen = (pqTq >> 4) != 0;
                    int id = pqTq & 0x0F;
                    int[] t = new int[64];
                    for (int i = 0; i < 64; i++) {
                        int o = p + 1 + (sixteen ? 2 * i : i);
                        if (o + (sixteen ? 1 : 0) >= b.length) return null;
                        t[i] = sixteen ? ((b[o] & 0xFF) << 8 | (b[o + 1] & 0xFF)) : (b[o] & 0xFF);
                    }
                    if (id == 0) return t;
                    p += 1 + (sixteen ? 128 : 64);
                }
            }
            pos += 2 + len;
        }
        return null;
    }
}
