package io.realskin.imaging.jpeg;

/**
 * The project's one JPEG scan decoder (ITU-T T.81): walks a file's marker segments ({@link JpegSegments}), reads its
 * Huffman tables, restart interval and frame header, and decodes every scan ({@link ScanDecoder}: sequential and
 * progressive Huffman coding, restart markers, any sampling factors). What it does with them is its {@link Use}'s:
 * which frames it accepts, where coefficients go (arrays per component, or nowhere: a walk that only proves the data
 * decodes allocates none), what it reads of the other segments, whether a scan cut short stops the walk. The limits
 * below are checked on the whole file from its headers before any scan is decoded ({@link JpegScanBudget}).
 */
public final class JpegDecoder {
    /**
     * The most scans a file may have. libjpeg writes 10 for a progressive colour image (6 gray), tuned encoders a few
     * dozen; nvImageCodec refuses over 256 by default for the same reason (the cure53 review of libjpeg-turbo): 2,000
     * repeated scans of a 49 MP image, 246 KB, took this walk 2.3 s and OpenCV's decoder 11.8 s.
     */
    public static final int MAX_SCANS = 256;
    /**
     * The most marker segments a file may have, scans included. A camera writes a few dozen, a progressive file with
     * a table before each of {@link #MAX_SCANS} scans about 520, 30 MiB of metadata in segments of the largest size
     * about 480; but a segment can be 4 bytes (an empty comment), and each costs every reader of the file something
     * of its own: 16 MB of empty comments, 4 million segments, made a decode allocate 139 MB of heap.
     */
    public static final int MAX_SEGMENTS = 4096;
    /**
     * The most blocks all scans together may cover: 64 passes over a 50 MP gray image (43 over a 4:2:0 colour one).
     * A scan costs any decoder a visit to each of its blocks however few bits code them (a run of empty bands codes
     * 32,767 blocks in 3 bytes), so {@link #MAX_SCANS} alone let 250 such scans over a 7000x7000 frame, 0.5 MB, cost
     * 2 s to probe and 5-12 s to thumbnail or restore. The scripts encoders write for a 50 MP image cover 6.25 million
     * blocks (libjpeg, 4:2:0 colour), 12.5 million (the most scans mozjpeg keeps, 4:4:4) and 18.7 million (libjpeg, CMYK).
     */
    public static final long MAX_SCANNED_BLOCKS = 50_000_000L;

    /** One use of the decoder. Its methods throw to refuse the file. */
    public interface Use {
        /**
         * The frame header, before any scan: checked here.
         *
         * @return per component, the array its coefficients are written to (64 per block of the grid padded to whole
         *         MCUs, {@link JpegFrame#blocksWide}), or null to keep none of them
         */
        short[][] frame(JpegFrame frame);

        /** Before each scan's data is decoded (its header read and its tables found). */
        default void scan() {
        }

        /**
         * After each scan's data.
         *
         * @param overran the data ended (at a marker or the end of the bytes) before the scan's last MCU
         * @return false to stop the walk there
         */
        default boolean scanned(boolean overran) {
            return true;
        }

        /**
         * Whether a scan whose data ends before its last MCU may end there, for a use that keeps no coefficient and
         * stops at such a scan ({@link #scanned} false when it overran). The decoder then decodes the units still owed
         * only as far as it takes to know that they would raise no error (past the data each reads the same zeros:
         * one of them, and one more per restart marker further on), instead of each of them: a frame header can
         * announce 50 MP over a few bytes of data. The outcome is the same; {@link #scanned} is told it overran.
         * False: every unit is decoded, over zeros past the data as libjpeg does.
         */
        default boolean stopsWhereTheDataEnds() {
            return false;
        }

        /**
         * Any other segment: DQT, APPn, COM, and the frame types the decoder does not decode (lossless,
         * hierarchical, arithmetic-coded), and DNL.
         *
         * @return false to stop the walk there
         */
        boolean segment(int marker, int body, int end);
    }

    private final byte[] data;
    private final Use use;
    private final HuffmanDecoder[] dcTables = new HuffmanDecoder[4];
    private final HuffmanDecoder[] acTables = new HuffmanDecoder[4];
    private int restartInterval;
    private JpegFrame frame;
    private short[][] arrays;
    /** Per component, the non-zero bits of its AC coefficients per block, made at its first band scan. */
    private long[][] nonZero;
    /** Per component, the coefficients (bit k = zig-zag index k) coded to their last bit. */
    private long[] coded;
    private boolean stopped;
    private long units;

    private JpegDecoder(byte[] data, Use use) {
        this.data = data;
        this.use = use;
    }

    /**
     * Decodes a file starting with SOI up to its EOI.
     *
     * @return the decoder, to ask about the scans; {@link #stopped()} when the use stopped the walk
     * @throws JpegHeaderException when a Huffman table, the frame header (as the scans need it) or a scan header
     *                             cannot be used
     * @throws JpegDataException   when the entropy-coded data holds a code no Huffman table of the file has, or a
     *                             run past the 64th coefficient ({@link JpegSegments.Cut}: the data ends before an
     *                             EOI or inside a segment; {@link JpegScanLimitException}: more than
     *                             {@link #MAX_SCANS} scans, {@link #MAX_SEGMENTS} segments or
     *                             {@link #MAX_SCANNED_BLOCKS} blocks scanned, before any scan is decoded)
     */
    public static JpegDecoder decode(byte[] jpeg, Use use) {
        JpegScanBudget.check(jpeg);
        JpegDecoder d = new JpegDecoder(jpeg, use);
        d.stopped = !JpegSegments.walk(jpeg, d::segment);
        return d;
    }

    /** Whether the use stopped the walk before the EOI. */
    public boolean stopped() {
        return stopped;
    }

    /** The frame header, or null when the file has none. */
    public JpegFrame frame() {
        return frame;
    }

    /**
     * The units the scans decoded, over their data or over the zeros fed past its end: an MCU of a scan of several
     * components, a block of a scan of one.
     */
    public long unitsDecoded() {
        return units;
    }

    /** Whether the scans coded every coefficient of every component to its last bit. */
    public boolean allCoded() {
        if (coded == null) return false;
        for (long c : coded) {
            if (c != -1L) return false;
        }
        return true;
    }

    private int segment(int marker, int body, int end) {
        switch (marker) {
            case 0xC4 -> HuffmanDecoder.readSegment(data, body, end, dcTables, acTables);
            case 0xDD -> restartInterval = u16(body);
            case 0xC0, 0xC1, 0xC2 -> frame(new JpegFrame(data, body, marker));
            case 0xDA -> {
                return scan(body, end);
            }
            default -> {
                if (!use.segment(marker, body, end)) return JpegSegments.STOP;
            }
        }
        return end;
    }

    private void frame(JpegFrame f) {
        short[][] a = use.frame(f);
        if (!f.decodable()) throw new JpegHeaderException("a frame header the scans cannot be decoded with");
        frame = f;
        arrays = a == null ? new short[f.components()][] : a;
        nonZero = new long[f.components()][];
        coded = new long[f.components()];
    }

    /** @return where the scan's data ends (the next marker), or {@link JpegSegments#STOP} */
    private int scan(int p, int end) {
        if (frame == null) throw new JpegHeaderException("scan before the frame header");
        int ns = u8(p);
        if (ns < 1 || ns > 4 || p + 1 + 2 * ns + 3 > end) throw new JpegHeaderException("bad SOS");
        int[] comps = new int[ns];
        short[][] scanArrays = new short[ns][];
        HuffmanDecoder[] dc = new HuffmanDecoder[ns];
        HuffmanDecoder[] ac = new HuffmanDecoder[ns];
        for (int i = 0; i < ns; i++) {
            comps[i] = frame.index(u8(p + 1 + 2 * i));
            int tables = u8(p + 2 + 2 * i);
            if (comps[i] < 0) throw new JpegHeaderException("scan names an unknown component");
            scanArrays[i] = arrays[comps[i]];
            dc[i] = dcTables[tables >> 4 & 3];
            ac[i] = acTables[tables & 3];
        }
        int[] band = band(p + 1 + 2 * ns, ns, scanArrays[0] != null);
        int ss = band[0];
        int se = band[1];
        for (int i = 0; i < ns; i++) {
            if (ss == 0 && band[2] == 0 && dc[i] == null) throw new JpegHeaderException("missing DC Huffman table");
            if (se > 0 && ac[i] == null) throw new JpegHeaderException("missing AC Huffman table");
        }
        use.scan();
        BitReader in = new BitReader(data, end);
        long[] bits = frame.progressive() && ss > 0 ? nonZero(comps[0]) : null;
        boolean keeping = false;
        for (short[] a : scanArrays) keeping |= a != null;
        ScanDecoder decoder = new ScanDecoder(in, frame, comps, dc, ac, band, scanArrays, !keeping && use.stopsWhereTheDataEnds());
        decoder.decode(restartInterval, bits);
        units += decoder.units();
        if (!use.scanned(in.overran())) return JpegSegments.STOP;
        if (band[3] == 0) {
            long coefficients = (se == 63 ? -1L : (1L << (se + 1)) - 1) & -(1L << ss);
            for (int c : comps) coded[c] |= coefficients;
        }
        return in.endOfScan();
    }

    /**
     * The scan's spectral selection and successive approximation {Ss, Se, Ah, Al}: a sequential scan's are the whole
     * block, whatever its header says. A progressive scan's Al may not pass 13 when coefficients are kept (they are
     * stored in 16 bits).
     */
    private int[] band(int q, int ns, boolean keeping) {
        if (!frame.progressive()) return new int[] {0, 63, 0, 0};
        int ss = u8(q);
        int se = u8(q + 1);
        int ah = u8(q + 2) >> 4;
        int al = u8(q + 2) & 15;
        if (ss > se || se > 63 || (ss == 0 && se != 0) || (ss > 0 && ns != 1) || (keeping && al > 13)) {
            throw new JpegHeaderException("bad progressive scan parameters");
        }
        return new int[] {ss, se, ah, al};
    }

    private long[] nonZero(int c) {
        if (nonZero[c] == null) nonZero[c] = new long[frame.usedBlocksWide(c) * frame.usedBlocksHigh(c)];
        return nonZero[c];
    }

    private int u8(int i) {
        return data[i] & 0xFF;
    }

    private int u16(int i) {
        return (data[i] & 0xFF) << 8 | (data[i + 1] & 0xFF);
    }
}
