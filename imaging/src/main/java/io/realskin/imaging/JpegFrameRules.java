package io.realskin.imaging;

/**
 * Whether libjpeg (what OpenCV decodes a JPEG with) accepts a frame, judged from the segments before the first scan:
 * sequential Huffman coding (SOF0, SOF1), 8-bit samples, one or three components with distinct ids, sampling factors
 * 1-4 whose blocks fit one MCU of ten (so any interleaved scan does), sides of at most 65500, and every quantisation
 * table the components name defined. Each of these is an error that stops libjpeg's decode; together with a complete
 * scan walk ({@link io.realskin.imaging.jpeg.JpegScans}, which checks the scans' Huffman tables and data), a decode
 * has nothing left to refuse. Anything else (progressive frames, whose scan parameters libjpeg checks scan by scan,
 * CMYK, 12-bit, tables defined between scans) is simply not accepted here: the caller decodes to find out.
 */
final class JpegFrameRules {
    private static final int MAX_SIDE = 65500;
    private static final int MAX_BLOCKS_IN_MCU = 10;

    private final boolean[] quantTables = new boolean[4];
    private boolean tablesWellFormed = true;
    private int frameMarker = -1;
    private int[] tablesNamed = new int[0];
    private boolean frameFits;

    /** A DQT segment's body ({@code body} to {@code end}): each table is its id byte, then 64 samples of 1 or 2 bytes. */
    void quantisationTables(byte[] b, int body, int end) {
        int p = body;
        while (p < end) {
            int precisionAndId = b[p] & 0xFF;
            int id = precisionAndId & 15;
            if (id > 3) {
                tablesWellFormed = false; // libjpeg stops at such a table, whoever uses it
                return;
            }
            quantTables[id] = true;
            p += 1 + 64 * ((precisionAndId >> 4) == 0 ? 1 : 2);
        }
        tablesWellFormed &= p == end;
    }

    /** A frame header (SOFn) whose body starts at {@code body} (the sample precision). */
    void frame(int marker, byte[] b, int body) {
        frameMarker = marker;
        int precision = b[body] & 0xFF;
        int height = (b[body + 1] & 0xFF) << 8 | b[body + 2] & 0xFF;
        int width = (b[body + 3] & 0xFF) << 8 | b[body + 4] & 0xFF;
        int components = b[body + 5] & 0xFF;
        boolean fits = precision == 8 && (components == 1 || components == 3) && width <= MAX_SIDE && height <= MAX_SIDE;
        tablesNamed = new int[components];
        int blocks = 0;
        boolean[] ids = new boolean[256];
        for (int i = 0; i < components; i++) {
            int q = body + 6 + 3 * i;
            int id = b[q] & 0xFF;
            int h = (b[q + 1] & 0xFF) >> 4;
            int v = b[q + 1] & 15;
            tablesNamed[i] = b[q + 2] & 0xFF;
            fits &= h >= 1 && h <= 4 && v >= 1 && v <= 4 && !ids[id];
            ids[id] = true;
            blocks += h * v;
        }
        frameFits = fits && blocks <= MAX_BLOCKS_IN_MCU;
    }

    /** Whether, by the first scan, the frame is one libjpeg decodes whenever its scans are whole. */
    boolean accepted() {
        if (frameMarker != 0xC0 && frameMarker != 0xC1 || !frameFits || !tablesWellFormed) {
            return false;
        }
        for (int table : tablesNamed) {
            if (table > 3 || !quantTables[table]) {
                return false;
            }
        }
        return true;
    }
}
