package io.realskin.imaging.jpeg;

/**
 * Walks a JPEG's scans to tell whether all of its entropy-coded data is there (ITU-T T.81): every scan codes every
 * MCU the frame needs from bits that are in the file, and the scans together code every coefficient of every
 * component to full precision. Symbols are Huffman-decoded and their extra bits skipped; no coefficient is kept
 * and no pixel computed (a progressive file's refinement scans need a bit per coefficient and block, to know which
 * coefficients are already non-zero).
 *
 * <p>What it catches: data cut short and then closed with an {@code EOI} marker, which libjpeg only warns about
 * ("premature end of data segment") and decodes into gray, a scan that stops at a restart marker too early, a
 * component or a progressive band that is never coded. Restart markers and progressive scans are followed;
 * whatever follows the {@code EOI} is not read. Sequential and progressive Huffman-coded frames (SOF0, SOF1, SOF2)
 * are walked; arithmetic-coded, lossless and hierarchical ones, and scans that name a Huffman table the file never
 * defines, are {@link Verdict#UNCHECKED}.
 */
public final class JpegScans {
    /** What the walk found. */
    public enum Verdict {
        /** Every MCU of every scan coded within the data, every coefficient coded, and an EOI marker after the scans. */
        COMPLETE,
        /** Fewer MCUs coded than the frame needs, a coefficient never coded, or no EOI marker. */
        TRUNCATED,
        /** A coding the walk does not follow; nothing is said about the data. */
        UNCHECKED
    }

    private final byte[] data;
    private final HuffmanDecoder[] dcTables = new HuffmanDecoder[4];
    private final HuffmanDecoder[] acTables = new HuffmanDecoder[4];
    private int restartInterval;
    private Frame frame;
    private int eobrun;
    private Verdict stopped;

    private JpegScans(byte[] data) {
        this.data = data;
    }

    /**
     * @param jpeg a file starting with SOI
     * @throws JpegDataException when the entropy-coded data holds a code no Huffman table of the file has, or a
     *                           run past the 64th coefficient (corrupt, not cut short)
     */
    public static Verdict check(byte[] jpeg) {
        try {
            return new JpegScans(jpeg).walk();
        } catch (ArrayIndexOutOfBoundsException e) {
            return Verdict.TRUNCATED; // a segment runs past the end of the data
        }
    }

    private Verdict walk() {
        try {
            if (!JpegSegments.walk(data, this::segment)) return stopped;
        } catch (JpegSegments.Cut e) {
            return Verdict.TRUNCATED; // no EOI, or a segment runs past the end
        }
        if (frame == null) return Verdict.UNCHECKED;
        return frame.allCoded() ? Verdict.COMPLETE : Verdict.TRUNCATED;
    }

    private int segment(int marker, int body, int end) {
        switch (marker) {
            case 0xC4 -> {
                try {
                    HuffmanDecoder.readSegment(data, body, end, dcTables, acTables);
                } catch (JpegDataException e) {
                    return stop(Verdict.UNCHECKED); // a table the decoder refuses on its own
                }
            }
            case 0xDD -> restartInterval = u16(body);
            case 0xC0, 0xC1, 0xC2 -> {
                if (frame != null) throw new JpegDataException("a second frame header after the scans");
                frame = new Frame(body, marker == 0xC2);
                if (!frame.walkable) return stop(Verdict.UNCHECKED);
            }
            case 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF, 0xDC -> {
                return stop(Verdict.UNCHECKED); // lossless, hierarchical, arithmetic-coded, height after the scan (DNL)
            }
            case 0xDA -> {
                int next = scan(body, end);
                return next >= 0 ? next : stop(next == -1 ? Verdict.TRUNCATED : Verdict.UNCHECKED);
            }
            default -> { }
        }
        return end;
    }

    private int stop(Verdict verdict) {
        stopped = verdict;
        return JpegSegments.STOP;
    }

    /** @return where the scan's data ends (the next marker), -1 when it ran out early, -2 when it cannot be walked */
    private int scan(int p, int end) {
        if (frame == null) return -2;
        int ns = u8(p);
        if (ns < 1 || ns > 4 || p + 1 + 2 * ns + 3 > end) return -2;
        int[] comps = new int[ns];
        HuffmanDecoder[] dc = new HuffmanDecoder[ns];
        HuffmanDecoder[] ac = new HuffmanDecoder[ns];
        for (int i = 0; i < ns; i++) {
            comps[i] = frame.index(u8(p + 1 + 2 * i));
            int tables = u8(p + 2 + 2 * i);
            if (comps[i] < 0) return -2;
            dc[i] = dcTables[tables >> 4 & 3];
            ac[i] = acTables[tables & 3];
        }
        int q = p + 1 + 2 * ns;
        int ss = 0;
        int se = 63;
        int ah = 0;
        int al = 0;
        if (frame.progressive) {
            ss = u8(q);
            se = u8(q + 1);
            ah = u8(q + 2) >> 4;
            al = u8(q + 2) & 15;
            if (ss > se || se > 63 || (ss == 0 && se != 0) || (ss > 0 && ns != 1)) return -2;
        }
        for (int i = 0; i < ns; i++) {
            if ((ss == 0 && ah == 0 && dc[i] == null) || (se > 0 && ac[i] == null)) return -2;
        }
        BitReader in = new BitReader(data, end);
        Scan s = new Scan(in, comps, dc, ac, ss, se, ah);
        s.walk();
        if (in.overran()) return -1;
        if (al == 0) {
            long band = (se == 63 ? -1L : (1L << (se + 1)) - 1) & -(1L << ss);
            for (int c : comps) frame.coded[c] |= band;
        }
        return in.endOfScan();
    }

    /** One scan's MCUs, in order, with the restart intervals. */
    private final class Scan {
        private final BitReader in;
        private final int[] comps;
        private final HuffmanDecoder[] dc;
        private final HuffmanDecoder[] ac;
        private final int ss;
        private final int se;
        private final int ah;

        Scan(BitReader in, int[] comps, HuffmanDecoder[] dc, HuffmanDecoder[] ac, int ss, int se, int ah) {
            this.in = in;
            this.comps = comps;
            this.dc = dc;
            this.ac = ac;
            this.ss = ss;
            this.se = se;
            this.ah = ah;
        }

        void walk() {
            Frame f = frame;
            boolean single = comps.length == 1;
            int wide = single ? f.usedWide[comps[0]] : f.mcusWide;
            int high = single ? f.usedHigh[comps[0]] : f.mcusHigh;
            long[] nonZero = f.progressive && ss > 0 ? f.nonZero(comps[0]) : null;
            eobrun = 0;
            int total = wide * high;
            for (int m = 0; m < total; m++) {
                if (restartInterval > 0 && m > 0 && m % restartInterval == 0) {
                    in.restart();
                    eobrun = 0;
                }
                if (single) {
                    block(0, nonZero, m);
                    continue;
                }
                for (int i = 0; i < comps.length; i++) {
                    int blocks = f.h[comps[i]] * f.v[comps[i]];
                    for (int b = 0; b < blocks; b++) block(i, null, 0);
                }
            }
        }

        private void block(int i, long[] nonZero, int at) {
            if (!frame.progressive) {
                in.bits(dc[i].decode(in));
                for (int k = 1; k < 64; k++) {
                    int rs = ac[i].decode(in);
                    int r = rs >> 4;
                    int s = rs & 15;
                    if (s == 0) {
                        if (r != 15) break;
                        k += 15;
                    } else {
                        k += r;
                        if (k > 63) throw new JpegDataException("coefficient index past 63");
                        in.bits(s);
                    }
                }
            } else if (ss == 0) {
                if (ah == 0) {
                    in.bits(dc[i].decode(in));
                } else {
                    in.bit();
                }
            } else if (ah == 0) {
                nonZero[at] |= firstPass(ac[i]);
            } else {
                nonZero[at] = refinement(ac[i], nonZero[at]);
            }
        }

        /** T.81 G.1.2.2: a band's first pass; returns the coefficients it made non-zero, as bits by zigzag index. */
        private long firstPass(HuffmanDecoder table) {
            if (eobrun > 0) {
                eobrun--;
                return 0;
            }
            long made = 0;
            for (int k = ss; k <= se; k++) {
                int rs = table.decode(in);
                int r = rs >> 4;
                int s = rs & 15;
                if (s == 0) {
                    if (r < 15) {
                        eobrun = (1 << r) - 1 + in.bits(r);
                        return made;
                    }
                    k += 15;
                } else {
                    k += r;
                    if (k > 63) throw new JpegDataException("coefficient index past 63");
                    in.bits(s);
                    made |= 1L << k;
                }
            }
            return made;
        }

        /** T.81 G.1.2.3: a refinement pass over a band, reading a correction bit for each non-zero coefficient. */
        private long refinement(HuffmanDecoder table, long nonZero) {
            int k = ss;
            if (eobrun == 0) {
                while (k <= se) {
                    int rs = table.decode(in);
                    int r = rs >> 4;
                    int s = rs & 15;
                    if (s != 0) {
                        in.bit(); // the new coefficient's sign
                    } else if (r != 15) {
                        eobrun = (1 << r) + in.bits(r);
                        break;
                    }
                    while (k <= se) {
                        if ((nonZero >>> k & 1) != 0) {
                            in.bit();
                        } else {
                            if (r == 0) {
                                if (s != 0) nonZero |= 1L << k;
                                k++;
                                break;
                            }
                            r--;
                        }
                        k++;
                    }
                }
            }
            if (eobrun > 0) {
                for (; k <= se; k++) {
                    if ((nonZero >>> k & 1) != 0) in.bit();
                }
                eobrun--;
            }
            return nonZero;
        }
    }

    /** The frame header's components and MCU grid, and what the scans have coded so far. */
    private final class Frame {
        final boolean progressive;
        final boolean walkable;
        final int[] ids;
        final int[] h;
        final int[] v;
        final int mcusWide;
        final int mcusHigh;
        final int[] usedWide;
        final int[] usedHigh;
        /** Per component, the coefficients (bit k = zigzag index k) coded to their last bit. */
        final long[] coded;
        private final long[][] nonZero;

        Frame(int p, boolean progressive) {
            this.progressive = progressive;
            int height = u16(p + 1);
            int width = u16(p + 3);
            int n = u8(p + 5);
            ids = new int[n];
            h = new int[n];
            v = new int[n];
            int hmax = 1;
            int vmax = 1;
            boolean ok = n >= 1 && height > 0 && width > 0;
            for (int i = 0; i < n; i++) {
                int q = p + 6 + 3 * i;
                ids[i] = u8(q);
                h[i] = u8(q + 1) >> 4;
                v[i] = u8(q + 1) & 15;
                ok &= h[i] >= 1 && h[i] <= 4 && v[i] >= 1 && v[i] <= 4;
                hmax = Math.max(hmax, h[i]);
                vmax = Math.max(vmax, v[i]);
            }
            walkable = ok;
            mcusWide = ceilDiv(width, 8 * hmax);
            mcusHigh = ceilDiv(height, 8 * vmax);
            usedWide = new int[n];
            usedHigh = new int[n];
            for (int i = 0; i < n; i++) {
                usedWide[i] = ceilDiv(ceilDiv(width * h[i], hmax), 8);
                usedHigh[i] = ceilDiv(ceilDiv(height * v[i], vmax), 8);
            }
            coded = new long[n];
            nonZero = new long[n][];
        }

        int index(int id) {
            for (int i = 0; i < ids.length; i++) {
                if (ids[i] == id) return i;
            }
            return -1;
        }

        /** One bit per coefficient and block of a component, allocated at its first band scan. */
        long[] nonZero(int c) {
            if (nonZero[c] == null) nonZero[c] = new long[usedWide[c] * usedHigh[c]];
            return nonZero[c];
        }

        boolean allCoded() {
            for (long c : coded) {
                if (c != -1L) return false;
            }
            return true;
        }
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    private int u8(int i) {
        return data[i] & 0xFF;
    }

    private int u16(int i) {
        return (data[i] & 0xFF) << 8 | (data[i + 1] & 0xFF);
    }
}
