package io.realskin.imaging.jpeg;

/**
 * A frame header (SOFn, ITU-T T.81 B.2.2) as read, with the MCU grid it implies: per component its id, sampling
 * factors and quantisation table, the blocks that hold image samples ({@link #usedBlocksWide}), and the blocks of the
 * grid padded to whole MCUs ({@link #blocksWide}), the layout {@link JpegDecoder} keeps coefficients in. Nothing is
 * checked here: each use of the decoder decides what it accepts ({@link #decodable()} is what the scans need).
 */
public final class JpegFrame {
    /** Natural (row-major) index of the k-th coefficient in zig-zag order. */
    public static final int[] ZIGZAG = {
        0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21,
        28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61,
        54, 47, 55, 62, 63};

    private final int marker;
    private final int precision;
    private final int width;
    private final int height;
    private final int[] ids;
    private final int[] h;
    private final int[] v;
    private final byte[] data;
    private final int body;
    private final int hmax;
    private final int vmax;
    private final int mcusWide;
    private final int mcusHigh;

    /** @param p the segment's body: precision, height, width, component count, then 3 bytes per component */
    JpegFrame(byte[] data, int p, int marker) {
        this.data = data;
        this.body = p;
        this.marker = marker;
        precision = data[p] & 0xFF;
        height = u16(data, p + 1);
        width = u16(data, p + 3);
        int n = data[p + 5] & 0xFF;
        ids = new int[n];
        h = new int[n];
        v = new int[n];
        int hm = 1;
        int vm = 1;
        for (int i = 0; i < n; i++) {
            int q = p + 6 + 3 * i;
            ids[i] = data[q] & 0xFF;
            h[i] = (data[q + 1] & 0xFF) >> 4;
            v[i] = data[q + 1] & 15;
            hm = Math.max(hm, h[i]);
            vm = Math.max(vm, v[i]);
        }
        hmax = hm;
        vmax = vm;
        mcusWide = ceilDiv(width, 8 * hmax);
        mcusHigh = ceilDiv(height, 8 * vmax);
    }

    /** What the scans need: a component or more, a size, and sampling factors of 1 to 4. */
    public boolean decodable() {
        boolean ok = components() >= 1 && height > 0 && width > 0;
        for (int i = 0; i < components(); i++) ok &= samplingInRange(i);
        return ok;
    }

    public boolean samplingInRange(int c) {
        return h[c] >= 1 && h[c] <= 4 && v[c] >= 1 && v[c] <= 4;
    }

    /** SOF2: progressive (SOF0, SOF1: sequential). */
    public boolean progressive() {
        return marker == 0xC2;
    }

    public int precision() {
        return precision;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public int components() {
        return ids.length;
    }

    /** Index of the component with this id, or -1. */
    public int index(int id) {
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] == id) return i;
        }
        return -1;
    }

    public int id(int c) {
        return ids[c];
    }

    public int h(int c) {
        return h[c];
    }

    public int v(int c) {
        return v[c];
    }

    /** Read when asked: a use that needs no quantisation table reads no byte of the header it does not need. */
    public int quantTable(int c) {
        return data[body + 8 + 3 * c] & 0xFF;
    }

    public int hmax() {
        return hmax;
    }

    public int vmax() {
        return vmax;
    }

    public int mcusWide() {
        return mcusWide;
    }

    public int mcusHigh() {
        return mcusHigh;
    }

    /** Blocks of component c in a row of the grid padded to whole MCUs. */
    public int blocksWide(int c) {
        return mcusWide * h[c];
    }

    public int blocksHigh(int c) {
        return mcusHigh * v[c];
    }

    /** Blocks of component c in a row that hold image samples: ceil(ceil(width * h / hmax) / 8). */
    public int usedBlocksWide(int c) {
        return ceilDiv(ceilDiv(width * h[c], hmax), 8);
    }

    public int usedBlocksHigh(int c) {
        return ceilDiv(ceilDiv(height * v[c], vmax), 8);
    }

    /** Blocks of every component in the grid padded to whole MCUs: the blocks a JPEG's scans code. */
    public long blocks() {
        long n = 0;
        for (int c = 0; c < components(); c++) n += (long) blocksWide(c) * blocksHigh(c);
        return n;
    }

    /**
     * The frame header of a JPEG (its first SOFn before the scans), nothing checked; null when there is none or the
     * segments run past the bytes.
     */
    public static JpegFrame of(byte[] jpeg) {
        JpegFrame[] frame = {null};
        try {
            JpegSegments.walk(jpeg, (marker, body, end) -> {
                if (marker == 0xDA) return JpegSegments.STOP;
                if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC
                        && body + 6 + 3 * (jpeg[body + 5] & 0xFF) <= end) {
                    frame[0] = new JpegFrame(jpeg, body, marker);
                    return JpegSegments.STOP;
                }
                return end;
            });
        } catch (JpegDataException | ArrayIndexOutOfBoundsException e) {
            return null;
        }
        return frame[0];
    }

    public static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    private static int u16(byte[] data, int i) {
        return (data[i] & 0xFF) << 8 | (data[i + 1] & 0xFF);
    }
}
