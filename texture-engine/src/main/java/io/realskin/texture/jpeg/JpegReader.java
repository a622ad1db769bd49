package io.realskin.texture.jpeg;

import io.realskin.imaging.jpeg.BitReader;
import io.realskin.imaging.jpeg.HuffmanDecoder;
import io.realskin.imaging.jpeg.JpegSegments;
import io.realskin.imaging.jpeg.JpegDataException;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a JPEG's quantised DCT coefficients without computing a pixel (ITU-T T.81): baseline and extended
 * sequential and progressive Huffman-coded frames, 8-bit, one (grayscale) or three (YCbCr) components, any
 * integer sampling factors, restart markers. Anything else throws {@link JpegUnsupportedException} with the
 * reason, so the caller can decode pixels instead.
 */
public final class JpegReader {
    private static final int[] ZZ = JpegCoefficients.ZIGZAG;

    private final byte[] data;
    private final int[][] quant = new int[4][];
    private final HuffmanDecoder[] dcTables = new HuffmanDecoder[4];
    private final HuffmanDecoder[] acTables = new HuffmanDecoder[4];
    private final List<byte[]> kept = new ArrayList<>();
    private int restartInterval;
    private int adobeTransform = -1;
    private boolean jfif;
    private JpegCoefficients frame;
    private int eobrun;

    private JpegReader(byte[] data) {
        this.data = data;
    }

    /** @throws JpegUnsupportedException when the file uses a feature this reader does not, or is malformed */
    public static JpegCoefficients read(byte[] jpeg) {
        try {
            return new JpegReader(jpeg).readAll();
        } catch (ArrayIndexOutOfBoundsException e) {
            throw JpegUnsupportedException.malformed("JPEG segment runs past the end of the data");
        } catch (JpegDataException e) {
            throw JpegUnsupportedException.malformed(e.getMessage());
        }
    }

    private JpegCoefficients readAll() {
        if (data.length < 4 || u8(0) != 0xFF || u8(1) != 0xD8) throw JpegUnsupportedException.malformed("no SOI marker");
        JpegSegments.walk(data, this::segment);
        if (frame == null) throw JpegUnsupportedException.malformed("no frame header");
        return frame;
    }

    private void keep(int marker, int from, int end) {
        byte[] seg = new byte[end - from];
        System.arraycopy(data, from, seg, 0, seg.length);
        if (marker == 0xEE && seg.length >= 16 && startsWith(from + 4, "Adobe")) adobeTransform = u8(from + 15);
        if (marker == 0xE0 && startsWith(from + 4, "JFIF")) jfif = true;
        kept.add(seg);
    }

    private boolean startsWith(int at, String ascii) {
        if (at + ascii.length() > data.length) return false;
        for (int i = 0; i < ascii.length(); i++) if (data[at + i] != ascii.charAt(i)) return false;
        return true;
    }

    private void readQuant(int p, int end) {
        while (p < end) {
            int pq = u8(p) >> 4, id = u8(p) & 15;
            if (id > 3 || pq > 1) throw JpegUnsupportedException.malformed("bad DQT");
            int[] t = new int[64];
            for (int k = 0; k < 64; k++) {
                int q = pq == 0 ? u8(p + 1 + k) : u16(p + 1 + 2 * k);
                if (q == 0) throw JpegUnsupportedException.malformed("zero in a quantisation table");
                t[ZZ[k]] = q;
            }
            quant[id] = t;
            p += 1 + 64 * (pq + 1);
        }
    }

    private void readFrame(int p, boolean progressive) {
        if (frame != null) throw JpegUnsupportedException.malformed("two frame headers");
        int precision = u8(p);
        if (precision != 8) throw new JpegUnsupportedException("12-bit", precision + "-bit samples");
        int height = u16(p + 1), width = u16(p + 3), n = u8(p + 5);
        if (height == 0) throw new JpegUnsupportedException("malformed", "DNL marker (height defined after the scan)");
        if (width == 0) throw JpegUnsupportedException.malformed("zero width");
        if (n == 4) throw new JpegUnsupportedException("cmyk", "four components (CMYK/YCCK)");
        if (n != 1 && n != 3) throw new JpegUnsupportedException("components", n + " components");
        int[][] c = new int[n][];
        int hmax = 1, vmax = 1;
        for (int i = 0; i < n; i++) {
            int q = p + 6 + 3 * i;
            int h = u8(q + 1) >> 4, v = u8(q + 1) & 15, tq = u8(q + 2);
            if (h < 1 || h > 4 || v < 1 || v > 4 || tq > 3) throw JpegUnsupportedException.malformed("bad component");
            c[i] = new int[] {u8(q), h, v, tq};
            hmax = Math.max(hmax, h);
            vmax = Math.max(vmax, v);
        }
        if (n == 3 && isRgb(c)) throw new JpegUnsupportedException("rgb", "RGB components (no YCbCr transform)");
        int mcusWide = JpegCoefficients.ceilDiv(width, 8 * hmax), mcusHigh = JpegCoefficients.ceilDiv(height, 8 * vmax);
        JpegComponent[] comps = new JpegComponent[n];
        for (int i = 0; i < n; i++) {
            int h = c[i][1], v = c[i][2];
            if (hmax % h != 0 || vmax % v != 0) {
                throw new JpegUnsupportedException("sampling", "sampling factors that are not integer ratios");
            }
            int usedW = JpegCoefficients.ceilDiv(JpegCoefficients.ceilDiv(width * h, hmax), 8);
            int usedH = JpegCoefficients.ceilDiv(JpegCoefficients.ceilDiv(height * v, vmax), 8);
            comps[i] = new JpegComponent(c[i][0], h, v, c[i][3], mcusWide * h, mcusHigh * v, usedW, usedH);
        }
        frame = new JpegCoefficients(width, height, hmax, vmax, quant, comps, kept, progressive);
    }

    /** Adobe's transform flag 0, or component ids 'R','G','B' without JFIF, mean RGB samples. */
    private boolean isRgb(int[][] c) {
        if (adobeTransform == 0) return true;
        return !jfif && adobeTransform < 0 && c[0][0] == 'R' && c[1][0] == 'G' && c[2][0] == 'B';
    }

    // ------------------------------------------------------------------ scans

    private int segment(int marker, int body, int end) {
        switch (marker) {
            case 0xDB -> readQuant(body, end);
            case 0xC4 -> HuffmanDecoder.readSegment(data, body, end, dcTables, acTables);
            case 0xDD -> restartInterval = u16(body);
            case 0xC0, 0xC1, 0xC2 -> readFrame(body, marker == 0xC2);
            case 0xC3 -> throw new JpegUnsupportedException("lossless", "lossless JPEG");
            case 0xC5, 0xC6, 0xC7 -> throw new JpegUnsupportedException("hierarchical", "hierarchical JPEG");
            case 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF, 0xCC ->
                    throw new JpegUnsupportedException("arithmetic", "arithmetic-coded JPEG");
            case 0xDC -> throw new JpegUnsupportedException("malformed", "DNL marker (height defined after the scan)");
            case 0xDA -> {
                return readScan(body, end);
            }
            default -> {
                if ((marker >= 0xE0 && marker <= 0xEF) || marker == 0xFE) keep(marker, body - 4, end);
            }
        }
        return end;
    }

    private int readScan(int p, int end) {
        if (frame == null) throw JpegUnsupportedException.malformed("scan before the frame header");
        int ns = u8(p);
        if (ns < 1 || ns > 4 || p + 1 + 2 * ns + 3 > end) throw JpegUnsupportedException.malformed("bad SOS");
        JpegComponent[] sc = new JpegComponent[ns];
        HuffmanDecoder[] dc = new HuffmanDecoder[ns], ac = new HuffmanDecoder[ns];
        for (int i = 0; i < ns; i++) {
            int id = u8(p + 1 + 2 * i), t = u8(p + 2 + 2 * i);
            for (JpegComponent c : frame.components) if (c.id == id) sc[i] = c;
            if (sc[i] == null) throw JpegUnsupportedException.malformed("scan names an unknown component");
            dc[i] = dcTables[t >> 4 & 3];
            ac[i] = acTables[t & 3];
        }
        int q = p + 1 + 2 * ns;
        int ss = u8(q), se = u8(q + 1), ah = u8(q + 2) >> 4, al = u8(q + 2) & 15;
        if (!frame.progressive) {
            ss = 0;
            se = 63;
            ah = 0;
            al = 0;
        } else if (ss > se || se > 63 || (ss == 0 && se != 0) || (ss > 0 && ns != 1) || al > 13) {
            throw JpegUnsupportedException.malformed("bad progressive scan parameters");
        }
        for (int i = 0; i < ns; i++) {
            if (ss == 0 && ah == 0 && dc[i] == null) throw JpegUnsupportedException.malformed("missing DC Huffman table");
            if (se > 0 && ac[i] == null) throw JpegUnsupportedException.malformed("missing AC Huffman table");
        }
        for (JpegComponent c : frame.components) {
            if (frame.quant[c.quantTable] == null) throw JpegUnsupportedException.malformed("missing quantisation table");
        }
        BitReader in = new BitReader(data, end);
        decodeScan(in, sc, dc, ac, ss, se, ah, al);
        return in.endOfScan();
    }

    private void decodeScan(BitReader in, JpegComponent[] sc, HuffmanDecoder[] dc, HuffmanDecoder[] ac,
                            int ss, int se, int ah, int al) {
        int[] pred = new int[sc.length];
        eobrun = 0;
        int mcusWide, mcusHigh;
        if (sc.length == 1) {
            mcusWide = sc[0].usedBlocksWide;
            mcusHigh = sc[0].usedBlocksHigh;
        } else {
            mcusWide = frame.mcusWide;
            mcusHigh = frame.mcusHigh;
        }
        int total = mcusWide * mcusHigh;
        for (int m = 0; m < total; m++) {
            if (restartInterval > 0 && m > 0 && m % restartInterval == 0) {
                in.restart();
                java.util.Arrays.fill(pred, 0);
                eobrun = 0;
            }
            int mx = m % mcusWide, my = m / mcusWide;
            for (int i = 0; i < sc.length; i++) {
                JpegComponent c = sc[i];
                if (sc.length == 1) {
                    decodeBlock(in, c, c.offset(mx, my), dc[0], ac[0], pred, 0, ss, se, ah, al);
                    continue;
                }
                for (int by = 0; by < c.v; by++) {
                    for (int bx = 0; bx < c.h; bx++) {
                        decodeBlock(in, c, c.offset(mx * c.h + bx, my * c.v + by), dc[i], ac[i], pred, i, ss, se, ah, al);
                    }
                }
            }
        }
    }

    private void decodeBlock(BitReader in, JpegComponent c, int off, HuffmanDecoder dc, HuffmanDecoder ac, int[] pred,
                             int i, int ss, int se, int ah, int al) {
        short[] co = c.coefficients;
        if (!frame.progressive) {
            pred[i] += in.receiveExtend(dc.decode(in));
            co[off] = (short) pred[i];
            for (int k = 1; k < 64; k++) {
                int rs = ac.decode(in), r = rs >> 4, s = rs & 15;
                if (s == 0) {
                    if (r != 15) break;
                    k += 15;
                } else {
                    k += r;
                    if (k > 63) throw JpegUnsupportedException.malformed("coefficient index past 63");
                    co[off + ZZ[k]] = (short) in.receiveExtend(s);
                }
            }
        } else if (ss == 0) {
            if (ah == 0) {
                pred[i] += in.receiveExtend(dc.decode(in));
                co[off] = (short) (pred[i] << al);
            } else if (in.bit() != 0) {
                co[off] |= (short) (1 << al);
            }
        } else if (ah == 0) {
            acFirst(in, co, off, ac, ss, se, al);
        } else {
            acRefine(in, co, off, ac, ss, se, al);
        }
    }

    /** T.81 G.1.2.2: the first pass over a band of AC coefficients, with end-of-band runs. */
    private void acFirst(BitReader in, short[] co, int off, HuffmanDecoder ac, int ss, int se, int al) {
        if (eobrun > 0) {
            eobrun--;
            return;
        }
        for (int k = ss; k <= se; k++) {
            int rs = ac.decode(in), r = rs >> 4, s = rs & 15;
            if (s == 0) {
                if (r < 15) {
                    eobrun = (1 << r) - 1 + in.bits(r);
                    return;
                }
                k += 15;
            } else {
                k += r;
                if (k > 63) throw JpegUnsupportedException.malformed("coefficient index past 63");
                co[off + ZZ[k]] = (short) (in.receiveExtend(s) << al);
            }
        }
    }

    /**
     * T.81 G.1.2.3: a refinement pass: one more bit for coefficients already non-zero, new coefficients of
     * magnitude 1 placed among the zero ones.
     */
    private void acRefine(BitReader in, short[] co, int off, HuffmanDecoder ac, int ss, int se, int al) {
        int p1 = 1 << al, m1 = -1 << al;
        int k = ss;
        if (eobrun == 0) {
            while (k <= se) {
                int rs = ac.decode(in), r = rs >> 4, s = rs & 15;
                int value = 0;
                if (s != 0) {
                    value = in.bit() != 0 ? p1 : m1;
                } else if (r != 15) {
                    eobrun = (1 << r) + in.bits(r);
                    break;
                }
                while (k <= se) {
                    int z = off + ZZ[k];
                    if (co[z] != 0) {
                        refine(in, co, z, p1, m1);
                    } else {
                        if (r == 0) {
                            if (value != 0) co[z] = (short) value;
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
                int z = off + ZZ[k];
                if (co[z] != 0) refine(in, co, z, p1, m1);
            }
            eobrun--;
        }
    }

    private static void refine(BitReader in, short[] co, int z, int p1, int m1) {
        if (in.bit() != 0 && (co[z] & p1) == 0) co[z] += (short) (co[z] >= 0 ? p1 : m1);
    }

    private int u8(int i) {
        return data[i] & 0xFF;
    }

    private int u16(int i) {
        return (data[i] & 0xFF) << 8 | (data[i + 1] & 0xFF);
    }
}
