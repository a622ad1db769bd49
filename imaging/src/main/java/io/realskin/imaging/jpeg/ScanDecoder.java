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
 * <p>Without arrays nothing branches on a bit the data codes (a correction or sign bit, an extra bit's value): those
 * bits are as good as random, so such a branch would be mispredicted half the time (it made the walk of a progressive
 * file 1.5 times slower).
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
    private final short[][] arrays;
    private final int[] pred;
    private int eobrun;

    /** @param arrays per scan component, where its coefficients go, or null to keep none */
    ScanDecoder(BitReader in, JpegFrame frame, int[] comps, HuffmanDecoder[] dc, HuffmanDecoder[] ac, int[] band,
                short[][] arrays) {
        this.in = in;
        this.frame = frame;
        this.comps = comps;
        this.dc = dc;
        this.ac = ac;
        this.ss = band[0];
        this.se = band[1];
        this.ah = band[2];
        this.al = band[3];
        this.arrays = arrays;
        this.pred = new int[comps.length];
    }

    /**
     * @param nonZero the AC band's bits of a progressive scan's one component, one per block of its used grid (row-major),
     *                null for any other scan
     */
    void decode(int restartInterval, long[] nonZero) {
        boolean single = comps.length == 1;
        int wide = single ? frame.usedBlocksWide(comps[0]) : frame.mcusWide();
        int high = single ? frame.usedBlocksHigh(comps[0]) : frame.mcusHigh();
        int stride = frame.blocksWide(comps[0]);
        int m = 0;
        for (int my = 0; my < high; my++) {
            for (int mx = 0; mx < wide; mx++, m++) {
                if (restartInterval > 0 && m > 0 && m % restartInterval == 0) {
                    in.restart();
                    Arrays.fill(pred, 0);
                    eobrun = 0;
                }
                if (single) {
                    int off = (my * stride + mx) * 64;
                    if (nonZero != null) {
                        short[] co = arrays[0];
                        nonZero[m] = ah == 0 ? acFirst(co, off, nonZero[m])
                                : co == null ? acRefineBits(nonZero[m]) : acRefine(co, off, nonZero[m]);
                    } else {
                        block(0, off);
                    }
                    continue;
                }
                for (int i = 0; i < comps.length; i++) {
                    int c = comps[i];
                    int h = frame.h(c);
                    int v = frame.v(c);
                    int wideBlocks = frame.blocksWide(c);
                    for (int by = 0; by < v; by++) {
                        for (int bx = 0; bx < h; bx++) block(i, ((my * v + by) * wideBlocks + mx * h + bx) * 64);
                    }
                }
            }
        }
    }

    /** A sequential block, or a progressive DC scan's share of one. */
    private void block(int i, int off) {
        short[] co = arrays[i];
        if (!frame.progressive()) {
            sequential(co, off, i);
        } else if (ah == 0) {
            int t = dc[i].decode(in);
            int bits = in.bits(t);
            if (co != null) {
                pred[i] += BitReader.extend(bits, t);
                co[off] = (short) (pred[i] << al);
            }
        } else {
            int bit = in.bit();
            if (co != null && bit != 0) co[off] |= (short) (1 << al);
        }
    }

    private void sequential(short[] co, int off, int i) {
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
                bits = in.bits(s);
                if (co != null) co[off + ZZ[k]] = (short) BitReader.extend(bits, s);
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
     * coefficients of magnitude 1 placed among the zero ones.
     */
    private long acRefine(short[] co, int off, long nonZero) {
        HuffmanDecoder table = ac[0];
        int p1 = 1 << al;
        int m1 = -1 << al;
        int k = ss;
        if (eobrun == 0) {
            while (k <= se) {
                int rs = table.decode(in);
                int r = rs >> 4;
                int s = rs & 15;
                int value = 0;
                if (s != 0) {
                    value = in.bit() != 0 ? p1 : m1; // the new coefficient, by its sign
                } else if (r != 15) {
                    eobrun = (1 << r) + in.bits(r);
                    break;
                }
                while (k <= se) {
                    int z = off + ZZ[k];
                    if ((nonZero >>> k & 1) != 0) {
                        refine(co, z, p1, m1);
                    } else {
                        if (r == 0) {
                            if (value != 0) {
                                co[z] = (short) value;
                                nonZero |= 1L << k;
                            }
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
                if ((nonZero >>> k & 1) != 0) refine(co, off + ZZ[k], p1, m1);
            }
            eobrun--;
        }
        return nonZero;
    }

    /**
     * {@link #acRefine} without arrays: the same bits read, none of their values used. It is apart because a shared
     * loop that keeps a new coefficient's sign in any form (a local, a mask, a field, behind a test of the array)
     * made the walk of a progressive 4 MP file 1.2 to 1.5 times slower in thread CPU time than this loop.
     */
    private long acRefineBits(long nonZero) {
        HuffmanDecoder table = ac[0];
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

    /** One more bit (1 &lt;&lt; Al) of a non-zero coefficient when its correction bit is 1 and it lacks it, away from zero. */
    private void refine(short[] co, int z, int p1, int m1) {
        if (in.bit() != 0 && (co[z] & p1) == 0) co[z] += (short) (co[z] >= 0 ? p1 : m1);
    }
}
