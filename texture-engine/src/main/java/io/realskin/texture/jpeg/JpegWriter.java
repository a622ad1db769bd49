package io.realskin.texture.jpeg;

/**
 * Writes coefficients as a baseline sequential JPEG (T.81 SOF0; SOF1 when a quantisation table needs 16-bit
 * entries) with Huffman tables optimised for this image: the kept marker segments, the input's own
 * quantisation tables and sampling factors, one interleaved scan (one scan per component when an MCU would hold
 * more than 10 blocks), no restart markers. The coefficients are coded exactly as given, so every decoder
 * turns each block into the same pixels it made of the input's.
 */
public final class JpegWriter {
    private static final int[] ZZ = JpegCoefficients.ZIGZAG;

    private JpegWriter() {
    }

    /** Receives the coded symbols: counted in the first pass, written in the second. */
    private interface Sink {
        void dc(int table, int symbol);

        void ac(int table, int symbol);

        void bits(int value, int n);
    }

    public static byte[] write(JpegCoefficients img) {
        int n = img.components.length;
        long[][] dcFreq = new long[2][256], acFreq = new long[2][256];
        boolean interleaved = n > 1 && blocksPerMcu(img) <= 10;
        encodeAll(img, interleaved, new Sink() {
            public void dc(int t, int s) {
                dcFreq[t][s]++;
            }

            public void ac(int t, int s) {
                acFreq[t][s]++;
            }

            public void bits(int value, int bits) {
            }
        });
        int tables = n == 1 ? 1 : 2;
        HuffmanEncoder[] dc = new HuffmanEncoder[tables], ac = new HuffmanEncoder[tables];
        for (int t = 0; t < tables; t++) {
            dc[t] = new HuffmanEncoder(dcFreq[t]);
            ac[t] = new HuffmanEncoder(acFreq[t]);
        }
        BitWriter out = new BitWriter(img.width * img.height / 2);
        out.put16(0xFFD8);
        for (byte[] seg : img.keptSegments) out.putBytes(seg);
        boolean extended = writeQuantTables(img, out);
        writeFrame(img, out, extended ? 0xC1 : 0xC0);
        for (int t = 0; t < tables; t++) {
            writeHuffman(out, 0x00 | t, dc[t]);
            writeHuffman(out, 0x10 | t, ac[t]);
        }
        Sink coder = new Sink() {
            public void dc(int t, int s) {
                out.write(dc[t].code[s], dc[t].length[s]);
            }

            public void ac(int t, int s) {
                out.write(ac[t].code[s], ac[t].length[s]);
            }

            public void bits(int value, int bits) {
                out.write(value, bits);
            }
        };
        if (interleaved) {
            writeScanHeader(img, out, img.components);
            encodeScan(img, img.components, coder);
            out.flush();
        } else {
            for (JpegComponent c : img.components) {
                writeScanHeader(img, out, new JpegComponent[] {c});
                encodeScan(img, new JpegComponent[] {c}, coder);
                out.flush();
            }
        }
        out.put16(0xFFD9);
        return out.toArray();
    }

    private static int blocksPerMcu(JpegCoefficients img) {
        int b = 0;
        for (JpegComponent c : img.components) b += c.h * c.v;
        return b;
    }

    private static void encodeAll(JpegCoefficients img, boolean interleaved, Sink sink) {
        if (interleaved) {
            encodeScan(img, img.components, sink);
        } else {
            for (JpegComponent c : img.components) encodeScan(img, new JpegComponent[] {c}, sink);
        }
    }

    private static void encodeScan(JpegCoefficients img, JpegComponent[] sc, Sink sink) {
        int[] pred = new int[sc.length];
        if (sc.length == 1) {
            JpegComponent c = sc[0];
            int t = tableOf(img, c);
            for (int by = 0; by < c.usedBlocksHigh; by++) {
                for (int bx = 0; bx < c.usedBlocksWide; bx++) {
                    pred[0] = encodeBlock(c.coefficients, c.offset(bx, by), pred[0], t, sink);
                }
            }
            return;
        }
        for (int my = 0; my < img.mcusHigh; my++) {
            for (int mx = 0; mx < img.mcusWide; mx++) {
                for (int i = 0; i < sc.length; i++) {
                    JpegComponent c = sc[i];
                    int t = tableOf(img, c);
                    for (int by = 0; by < c.v; by++) {
                        for (int bx = 0; bx < c.h; bx++) {
                            pred[i] = encodeBlock(c.coefficients, c.offset(mx * c.h + bx, my * c.v + by), pred[i], t, sink);
                        }
                    }
                }
            }
        }
    }

    /** Luma (the first component) uses tables 0, chroma tables 1. */
    private static int tableOf(JpegCoefficients img, JpegComponent c) {
        return c == img.components[0] ? 0 : 1;
    }

    /** T.81 F.1.2: one block, DC as a difference to the previous block's. Returns this block's DC. */
    private static int encodeBlock(short[] co, int off, int pred, int t, Sink sink) {
        int dcValue = Math.max(-1024, Math.min(1023, co[off])); // so a difference fits category 11
        int diff = dcValue - pred;
        int s = category(diff);
        sink.dc(t, s);
        if (s > 0) sink.bits(diff < 0 ? diff - 1 : diff, s);
        int run = 0;
        for (int k = 1; k < 64; k++) {
            int v = co[off + ZZ[k]];
            if (v == 0) {
                run++;
                continue;
            }
            v = Math.max(-1023, Math.min(1023, v));
            while (run > 15) {
                sink.ac(t, 0xF0);
                run -= 16;
            }
            s = category(v);
            sink.ac(t, run << 4 | s);
            sink.bits(v < 0 ? v - 1 : v, s);
            run = 0;
        }
        if (run > 0) sink.ac(t, 0x00);
        return dcValue;
    }

    private static int category(int v) {
        return v == 0 ? 0 : 32 - Integer.numberOfLeadingZeros(Math.abs(v));
    }

    /** Writes the tables the components use; true when one needs 16-bit entries (not allowed in baseline). */
    private static boolean writeQuantTables(JpegCoefficients img, BitWriter out) {
        boolean sixteen = false;
        boolean[] used = new boolean[4];
        for (JpegComponent c : img.components) used[c.quantTable] = true;
        for (int id = 0; id < 4; id++) {
            if (!used[id]) continue;
            int[] q = img.quant[id];
            int pq = 0;
            for (int v : q) if (v > 255) pq = 1;
            sixteen |= pq == 1;
            out.put16(0xFFDB);
            out.put16(2 + 1 + 64 * (pq + 1));
            out.put(pq << 4 | id);
            for (int k = 0; k < 64; k++) {
                if (pq == 0) out.put(q[ZZ[k]]);
                else out.put16(q[ZZ[k]]);
            }
        }
        return sixteen;
    }

    private static void writeFrame(JpegCoefficients img, BitWriter out, int marker) {
        int n = img.components.length;
        out.put16(0xFF00 | marker);
        out.put16(8 + 3 * n);
        out.put(8);
        out.put16(img.height);
        out.put16(img.width);
        out.put(n);
        for (JpegComponent c : img.components) {
            out.put(c.id);
            out.put(c.h << 4 | c.v);
            out.put(c.quantTable);
        }
    }

    private static void writeHuffman(BitWriter out, int classAndId, HuffmanEncoder t) {
        out.put16(0xFFC4);
        out.put16(2 + 1 + 16 + t.values.length);
        out.put(classAndId);
        for (int len = 1; len <= 16; len++) out.put(t.counts[len]);
        for (int v : t.values) out.put(v);
    }

    private static void writeScanHeader(JpegCoefficients img, BitWriter out, JpegComponent[] sc) {
        out.put16(0xFFDA);
        out.put16(6 + 2 * sc.length);
        out.put(sc.length);
        for (JpegComponent c : sc) {
            out.put(c.id);
            int t = tableOf(img, c);
            out.put(t << 4 | t);
        }
        out.put(0);
        out.put(63);
        out.put(0);
    }
}
