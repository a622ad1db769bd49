package io.realskin.imaging.jpeg;

import java.util.Arrays;

/**
 * One scan's entropy-coded data, decoded MCU by MCU (ITU-T T.81 F.2.2 sequential, G.1.2 progressive: DC first and
 * refinement, AC first and refinement with end-of-band runs), restart intervals included. Where a component has an
 * array ({@link JpegDecoder.Use#frame}) its coefficients are written there (64 per block in natural order, blocks
 * row-major over the grid padded to whole MCUs, as the file codes them: not multiplied by the quantisation table);
 * where it has none the symbols are decoded and their bits skipped, nothing kept. Either way a progressive AC band
 * keeps one bit per coefficient and block (which coefficients are non-zero): a refinement scan reads a correction
 * bit for each of them.
 *
 * <p>Each kind of scan has a loop of its own ({@link #blocks}: sequential and DC; {@link #acFirstScan},
 * {@link #acRefineScan}), so that the JIT compiles each with its own profile. A refinement finds the coefficients a
 * symbol's run passes with bit operations on the non-zero bits instead of testing them one by one as T.81's loop
 * does: that loop held most of a progressive walk's time, and one loop for every kind of scan built around it walked
 * a 12 MP progressive file 1.3 to 1.6 times slower than the walk it replaced in most JVMs (docs/texture-engine.md,
 * "JPEG in, JPEG out"). No branch depends on a bit the data codes (a correction or sign bit, an extra bit's value):
 * those bits are as good as random, so such a branch would be mispredicted half the time. Without arrays they are
 * skipped; with them a value is extended ({@link BitReader#extend}), a correction applied and a new coefficient's sign
 * set by arithmetic.
 */
final class ScanDecoder {
    private static final int[] ZZ = JpegFrame.ZIGZAG;

    private final BitReader in;
    private final JpegFrame frame;
    private final int[] comps;
    private final HuffmanDecoder[] dc;
    private final HuffmanDecoder[] ac;
    private final int ss;
    private final int se;
    private final int ah;
    private final int al;
    /** The band's coefficients ss..se, as bits by zig-zag index. */
    private final long band;
    /** A one-component scan's blocks per row of its used grid, and per row of its array. */
    private final int usedWide;
    private final int stride;
    private final short[][] arrays;
    private final int[] pred;
    /** Whether the scan may end where its data ends ({@link #overZeros}). */
    private final boolean stopsWhereTheDataEnds;
    private int restartInterval;
    private int eobrun;
    /** Units (MCUs, or blocks of a one-component scan) decoded, over the data or over the zeros fed past it. */
    private long units;

    /**
     * @param arrays                per scan component, where its coefficients go, or null to keep none
     * @param stopsWhereTheDataEnds whether the scan may end once its data has ended and the units still owed are known
     *                              to decode without an error ({@link JpegDecoder.Use#stopsWhereTheDataEnds}); only
     *                              when no array is given
     */
    ScanDecoder(BitReader in, JpegFrame frame, int[] comps, HuffmanDecoder[] dc, HuffmanDecoder[] ac, int[] band,
                short[][] arrays, boolean stopsWhereTheDataEnds) {
        this.in = in;
        this.frame = frame;
        this.comps = comps;
        this.dc = dc;
        this.ac = ac;
        this.ss = band[0];
        this.se = band[1];
        this.ah = band[2];
        this.al = band[3];
        this.band = (se == 63 ? -1L : (1L << (se + 1)) - 1) & -(1L << ss);
        this.usedWide = frame.usedBlocksWide(comps[0]);
        this.stride = frame.blocksWide(comps[0]);
        this.arrays = arrays;
        this.pred = new int[comps.length];
        this.stopsWhereTheDataEnds = stopsWhereTheDataEnds;
    }

    /** The units this scan decoded. */
    long units() {
        return units;
    }

    /**
     * @param nonZero the AC band's bits of a progressive scan's one component, one per block of its used grid (row-major),
     *                null for any other scan
     */
    void decode(int restartInterval, long[] nonZero) {
        this.restartInterval = restartInterval;
        if (nonZero == null) {
            blocks();
        } else if (ah == 0) {
            acFirstScan(nonZero);
        } else {
            acRefineScan(nonZero);
        }
    }

    /** At the start of MCU m: a restart interval's end resets the predictions and the end-of-band run. */
    private void restartAt(int m) {
        if (restartInterval > 0 && m > 0 && m % restartInterval == 0) {
            in.restart();
            Arrays.fill(pred, 0);
            eobrun = 0;
        }
    }

    /** A sequential or DC scan: per MCU, each component's blocks (one alone when the scan has one component). */
    private void blocks() {
        boolean single = comps.length == 1;
        int wide = single ? frame.usedBlocksWide(comps[0]) : frame.mcusWide();
        int total = wide * (single ? frame.usedBlocksHigh(comps[0]) : frame.mcusHigh());
        for (int m = 0; m < total; m++) {
            restartAt(m);
            boolean overZeros = overZeros();
            mcu(m / wide, m % wide, single);
            units++;
            if (overZeros) m = lastUnitToDecode(m, total);
        }
    }

    private void mcu(int my, int mx, boolean single) {
        for (int i = 0; i < comps.length; i++) {
            int c = comps[i];
            int h = single ? 1 : frame.h(c);
            int v = single ? 1 : frame.v(c);
            int stride = frame.blocksWide(c);
            for (int by = 0; by < v; by++) {
                for (int bx = 0; bx < h; bx++) {
                    int off = ((my * v + by) * stride + mx * h + bx) * 64;
                    if (frame.progressive()) {
                        dc(i, off);
                    } else {
                        sequential(i, off);
                    }
                }
            }
        }
    }

    /**
     * Whether the unit about to be decoded reads only zeros fed past the data, from the state every such unit of a
     * scan that may end there ({@link #stopsWhereTheDataEnds}) starts from: no end-of-band run left (a DC prediction
     * changes no symbol). Every later unit of its restart interval then decodes the same symbols, so it raises an error
     * where the first does or not at all, and leaves the walk as truncated as the first does.
     */
    private boolean overZeros() {
        return stopsWhereTheDataEnds && eobrun == 0 && in.pastTheData();
    }

    /**
     * After unit m, decoded {@link #overZeros}: the rest of its restart interval is passed over, and when no restart
     * marker follows the scan ends, since every later interval reads only zeros from that same state.
     *
     * @return the last unit of m's interval, or {@code total} without a restart marker to go on from
     */
    private int lastUnitToDecode(int m, int total) {
        if (restartInterval == 0 || !in.atRestartMarker()) return total;
        return Math.min(total, (m / restartInterval + 1) * restartInterval) - 1;
    }

    /** Where block m of a one-component scan's used grid starts in its array. */
    private int offset(int m) {
        int row = m / usedWide;
        return (row * stride + m - row * usedWide) * 64;
    }

    private void acFirstScan(long[] nonZero) {
        for (int m = 0; m < nonZero.length; m++) {
            restartAt(m);
            boolean overZeros = overZeros();
            nonZero[m] = acFirst(arrays[0], offset(m), nonZero[m]);
            units++;
            if (overZeros) m = lastUnitToDecode(m, nonZero.length);
        }
    }

    private void acRefineScan(long[] nonZero) {
        for (int m = 0; m < nonZero.length; m++) {
            restartAt(m);
            boolean overZeros = overZeros();
            nonZero[m] = acRefine(arrays[0], offset(m), nonZero[m]);
            units++;
            if (overZeros) m = lastUnitToDecode(m, nonZero.length);
        }
    }

    /** A progressive DC scan's share of a block: its first bits, or one more bit. */
    private void dc(int i, int off) {
        short[] co = arrays[i];
        if (ah == 0) {
            int t = dc[i].decode(in);
            int bits = in.bits(t);
            if (co != null) {
                pred[i] += BitReader.extend(bits, t);
                co[off] = (short) (pred[i] << al);
            }
        } else {
            int bit = in.bit();
            if (co != null) co[off] |= (short) (bit << al);
        }
    }

    private void sequential(int i, int off) {
        BitReader in = this.in;
        short[] co = arrays[i];
        int t = dc[i].decode(in);
        int bits = in.bits(t);
        if (co != null) {
            pred[i] += BitReader.extend(bits, t);
            co[off] = (short) pred[i];
        }
        HuffmanDecoder table = ac[i];
        for (int k = 1; k < 64; k++) {
            int rs = table.decode(in);
            int r = rs >> 4;
            int s = rs & 15;
            if (s == 0) {
                if (r != 15) break;
                k += 15;
            } else {
                k += r;
                if (k > 63) throw new JpegDataException("coefficient index past 63");
                if (co != null) {
                    co[off + ZZ[k]] = (short) BitReader.extend(in.bits(s), s);
                } else {
                    in.drop(s);
                }
            }
        }
    }

    /**
     * T.81 G.1.2.2: a band's first pass. A coefficient it codes is non-zero: as kept (in a short, as the file's 8-bit
     * coefficients always fit), or always when nothing is kept.
     */
    private long acFirst(short[] co, int off, long nonZero) {
        if (eobrun > 0) {
            eobrun--;
            return nonZero;
        }
        BitReader in = this.in;
        HuffmanDecoder table = ac[0];
        for (int k = ss; k <= se; k++) {
            int rs = table.decode(in);
            int r = rs >> 4;
            int s = rs & 15;
            if (s == 0) {
                if (r < 15) {
                    eobrun = (1 << r) - 1 + in.bits(r);
                    return nonZero;
                }
                k += 15;
            } else {
                k += r;
                if (k > 63) throw new JpegDataException("coefficient index past 63");
                int bits = in.bits(s);
                if (co != null) {
                    short value = (short) (BitReader.extend(bits, s) << al);
                    co[off + ZZ[k]] = value;
                    nonZero = value != 0 ? nonZero | 1L << k : nonZero & ~(1L << k);
                } else {
                    nonZero |= 1L << k;
                }
            }
        }
        return nonZero;
    }

    /**
     * T.81 G.1.2.3: a refinement pass over a band: a correction bit for each coefficient already non-zero, new
     * coefficients of magnitude 1 placed among the zero ones. A symbol's run passes r zero coefficients (and the
     * non-zero ones between them, each with its correction bit) and places its new coefficient on the next zero one;
     * found here as the (r+1)-th zero bit from k.
     */
    private long acRefine(short[] co, int off, long nonZero) {
        BitReader in = this.in;
        HuffmanDecoder table = ac[0];
        int k = ss;
        if (eobrun == 0) {
            while (k <= se) {
                int rs = table.decode(in);
                int r = rs >> 4;
                int s = rs & 15;
                int sign = 0;
                if (s != 0) {
                    sign = in.bit(); // the new coefficient's
                } else if (r != 15) {
                    eobrun = (1 << r) + in.bits(r);
                    break;
                }
                long rest = band & -1L << k;
                long zeros = rest & ~nonZero;
                for (; r > 0 && zeros != 0; r--) zeros &= zeros - 1;
                if (zeros == 0) { // the run ends past the band (corrupt data): its coefficient is dropped
                    corrections(co, off, nonZero & rest);
                    k = se + 1;
                    break;
                }
                long at = zeros & -zeros;
                corrections(co, off, nonZero & rest & at - 1);
                k = Long.numberOfTrailingZeros(at);
                if (s != 0) {
                    nonZero |= at;
                    if (co != null) co[off + ZZ[k]] = (short) ((sign << al + 1) - (1 << al)); // +-(1 << Al)
                }
                k++;
            }
        }
        if (eobrun > 0) {
            if (k <= se) corrections(co, off, nonZero & band & -1L << k);
            eobrun--;
        }
        return nonZero;
    }

    /**
     * The correction bits of the non-zero coefficients {@code which} (bits by zig-zag index), in order: one more bit
     * (1 &lt;&lt; Al) of each whose bit is 1 and that lacks it, away from zero; skipped when nothing is kept.
     */
    private void corrections(short[] co, int off, long which) {
        if (co == null) {
            in.skipBits(Long.bitCount(which));
            return;
        }
        for (long left = which; left != 0; left &= left - 1) {
            int z = off + ZZ[Long.numberOfTrailingZeros(left)];
            int c = co[z];
            int add = in.bit() << al & ~c; // 1 << Al, or 0 when the bit is 0 or c has it: no branch on the bit
            int sign = c >> 31;
            co[z] = (short) (c + ((add ^ sign) - sign));
        }
    }
}
