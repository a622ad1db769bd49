package io.realskin.imaging;

import io.realskin.imaging.jpeg.JpegDataException;
import io.realskin.imaging.jpeg.JpegSegments;

import static io.realskin.imaging.Bytes.be16;

/**
 * Whether libjpeg (what OpenCV decodes a JPEG with) accepts a file's structure: every rule of its marker reader and
 * input controller that stops a decode with an error, for the files it is worth proving: Huffman coding, sequential
 * or progressive (SOF0, SOF1, SOF2), 8-bit samples, one or three components. The frame: sides 1-65500, sampling factors 1-4, distinct
 * component ids, its exact length. Tables: quantisation table ids 0-3 and Huffman table ids 0-3 with segment lengths
 * that add up, Huffman code counts that fit their code space (at most 256 codes, no length overfull), DC symbols at most
 * 15. Each scan: 1-4 components of the frame, none twice, at most ten blocks per MCU when interleaved, its exact
 * length, the Huffman tables it decodes with defined, the components' quantisation tables defined by their first scan;
 * in a sequential file a second scan only when the first left components out; in a progressive one a spectral band
 * and successive approximation libjpeg takes (a DC band alone, an AC band of one component within 1-63, a refinement
 * one bit below the scan before, at most bit 13). Markers other than these, APPn and COM (restart markers in the data
 * aside) are refused, as are arithmetic-coded, lossless, hierarchical, 12-bit and CMYK files: "refused" only means not
 * proven here, and the caller decodes to find out. What libjpeg only warns about (a band refined out of order, an AC
 * band before its DC) is not checked.
 *
 * <p>Together with a complete walk of the scans ({@link io.realskin.imaging.jpeg.JpegScans}: every Huffman code in
 * the file's tables, every MCU and coefficient coded), a decode has nothing left to refuse; what libjpeg only warns
 * about (restart markers out of sequence, stray bytes between segments) does not stop it.
 */
final class LibjpegRules implements JpegSegments.Visitor {
    private static final int MAX_SIDE = 65500;
    private static final int MAX_BLOCKS_IN_MCU = 10;

    private final byte[] b;
    private final boolean[] quantTables = new boolean[4];
    private final boolean[] dcTables = new boolean[4];
    private final boolean[] acTables = new boolean[4];
    private int[] ids;
    private int[] blocks;
    private int[] quantTableOf;
    private boolean[] latched;
    private int scans;
    private boolean multiScan;
    private boolean progressive;
    private boolean refused;

    LibjpegRules(byte[] jpeg) {
        this.b = jpeg;
    }

    /** Whether libjpeg accepts the whole file's structure (the scans' data is the walk's to judge). */
    static boolean accept(byte[] jpeg) {
        LibjpegRules rules = new LibjpegRules(jpeg);
        try {
            return JpegSegments.walk(jpeg, rules) && rules.accepted();
        } catch (JpegDataException | ArrayIndexOutOfBoundsException e) {
            return false;
        }
    }

    boolean accepted() {
        return !refused && scans > 0;
    }

    /** Whether a rule has been broken by what was read so far. */
    boolean refused() {
        return refused;
    }

    @Override
    public int segment(int marker, int body, int end) {
        switch (marker) {
            case 0xDB -> quantisationTables(body, end);
            case 0xC4 -> huffmanTables(body, end);
            case 0xC0, 0xC1, 0xC2 -> frame(marker == 0xC2, body, end);
            case 0xDD -> refused |= end - body != 2;
            case 0xDA -> {
                scan(body, end);
                return refused ? JpegSegments.STOP : JpegSegments.endOfEntropyCodedData(b, end);
            }
            default -> refused |= !(marker >= 0xE0 && marker <= 0xEF || marker == 0xFE);
        }
        return refused ? JpegSegments.STOP : end;
    }

    /** DQT: each table an id byte (precision in the high nibble: 0 for 8-bit samples, else 16-bit), then 64 samples. */
    void quantisationTables(int body, int end) {
        int p = body;
        while (p < end) {
            int precisionAndId = b[p] & 0xFF;
            if ((precisionAndId & 15) > 3) {
                refused = true;
                return;
            }
            quantTables[precisionAndId & 15] = true;
            p += 1 + 64 * ((precisionAndId >> 4) == 0 ? 1 : 2);
        }
        refused |= p != end;
    }

    /** DHT: each table a class-and-id byte, 16 code counts, then its symbols; the codes must fit their lengths. */
    void huffmanTables(int body, int end) {
        int p = body;
        while (p < end) {
            int tableClass = (b[p] & 0xFF) >> 4;
            int id = b[p] & 15;
            if (tableClass > 1 || id > 3 || p + 17 > end) {
                refused = true;
                return;
            }
            int total = 0;
            long code = 0;
            for (int length = 1; length <= 16; length++) {
                int count = b[p + length] & 0xFF;
                total += count;
                code += count;
                refused |= code >= 1L << length; // a length with more codes than its code space left
                code <<= 1;
            }
            if (total > 256 || p + 17 + total > end) {
                refused = true;
                return;
            }
            for (int i = 0; i < total && tableClass == 0; i++) {
                refused |= (b[p + 17 + i] & 0xFF) > 15; // a DC difference has at most 15 bits
            }
            (tableClass == 0 ? dcTables : acTables)[id] = true;
            p += 17 + total;
        }
        refused |= p != end;
    }

    /** SOF0, SOF1 or SOF2: precision, height, width, then id, sampling factors and quantisation table per component. */
    void frame(boolean progressive, int body, int end) {
        this.progressive = progressive;
        int precision = b[body] & 0xFF;
        int height = be16(b, body + 1);
        int width = be16(b, body + 3);
        int n = b[body + 5] & 0xFF;
        if (ids != null || precision != 8 || (n != 1 && n != 3) || end - body != 6 + 3 * n
                || width < 1 || height < 1 || width > MAX_SIDE || height > MAX_SIDE) {
            refused = true;
            return;
        }
        ids = new int[n];
        blocks = new int[n];
        quantTableOf = new int[n];
        latched = new boolean[n];
        for (int i = 0; i < n; i++) {
            int q = body + 6 + 3 * i;
            ids[i] = b[q] & 0xFF;
            int h = (b[q + 1] & 0xFF) >> 4;
            int v = b[q + 1] & 15;
            blocks[i] = h * v;
            quantTableOf[i] = b[q + 2] & 0xFF;
            refused |= h < 1 || h > 4 || v < 1 || v > 4 || index(ids[i]) != i;
        }
    }

    /** SOS: the component count, then id and table ids per component, then three bytes (Ss, Se, Ah/Al). */
    void scan(int body, int end) {
        int n = b[body] & 0xFF;
        if (ids == null || n < 1 || n > 4 || end - body != 4 + 2 * n || (scans > 0 && !multiScan && !progressive)) {
            refused = true;
            return;
        }
        int bands = body + 1 + 2 * n;
        int ss = b[bands] & 0xFF;
        int se = b[bands + 1] & 0xFF;
        int ah = (b[bands + 2] & 0xFF) >> 4;
        int al = b[bands + 2] & 15;
        boolean dcBand = ss == 0;
        if (progressive && ((dcBand ? se != 0 : ss > se || se > 63 || n != 1) || (ah != 0 && al != ah - 1) || al > 13)) {
            refused = true;
            return;
        }
        boolean needsDc = !progressive || dcBand && ah == 0;
        boolean needsAc = !progressive || !dcBand;
        boolean[] inScan = new boolean[ids.length];
        int mcuBlocks = 0;
        for (int i = 0; i < n; i++) {
            int c = index(b[body + 1 + 2 * i] & 0xFF);
            int tables = b[body + 2 + 2 * i] & 0xFF;
            if (c < 0 || inScan[c] || needsDc && !defined(dcTables, tables >> 4) || needsAc && !defined(acTables, tables & 15)) {
                refused = true;
                return;
            }
            inScan[c] = true;
            mcuBlocks += blocks[c];
            if (!latched[c]) {
                refused |= quantTableOf[c] > 3 || !quantTables[quantTableOf[c]];
                latched[c] = true;
            }
        }
        refused |= n > 1 && mcuBlocks > MAX_BLOCKS_IN_MCU;
        if (scans++ == 0) {
            multiScan = n < ids.length;
        }
    }

    private static boolean defined(boolean[] tables, int id) {
        return id < tables.length && tables[id];
    }

    private int index(int id) {
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] == id) {
                return i;
            }
        }
        return -1;
    }

}
