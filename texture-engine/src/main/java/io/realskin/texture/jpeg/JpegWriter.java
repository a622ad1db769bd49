package io.realskin.texture.jpeg;

import io.realskin.texture.concurrent.Parallel;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

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

    /** One scan's rows of coding units (MCUs, or blocks of a one-component scan), cut into parts coded apart. */
    private record Part(JpegComponent[] scan, int row0, int row1) {
    }

    public static byte[] write(JpegCoefficients img) {
        return write(img, 1);
    }

    /**
     * @param threads the scan is cut into parts (rows of MCUs) counted and coded side by side on up to this many
     *     threads (0: every core); each part starts from the DC prediction its first blocks have in the whole scan
     *     and its bits are placed at their exact offset, so the file is the same for any number of threads
     */
    public static byte[] write(JpegCoefficients img, int threads) {
        int n = img.components.length;
        boolean interleaved = n > 1 && blocksPerMcu(img) <= 10;
        List<JpegComponent[]> scans = new ArrayList<>();
        if (interleaved) {
            scans.add(img.components);
        } else {
            for (JpegComponent c : img.components) scans.add(new JpegComponent[] {c});
        }
        int workers = Parallel.threads(threads);
        List<List<Part>> parts = new ArrayList<>();
        List<Part> all = new ArrayList<>();
        for (JpegComponent[] sc : scans) {
            int rows = sc.length == 1 ? sc[0].usedBlocksHigh : img.mcusHigh;
            int count = Math.max(1, Math.min(rows, workers == 1 ? 1 : workers * 4));
            List<Part> ps = new ArrayList<>();
            for (int k = 0; k < count; k++) ps.add(new Part(sc, rows * k / count, rows * (k + 1) / count));
            parts.add(ps);
            all.addAll(ps);
        }
        ScanSymbols[] counts = new ScanSymbols[all.size()];
        long blocks = img.blockCount();
        Parallel.forEach(all.size(), threads, k -> {
            counts[k] = new ScanSymbols((int) Math.min(1 << 24, blocks * 10 / all.size()));
            encodePart(img, all.get(k), counts[k]);
        });
        int tables = n == 1 ? 1 : 2;
        HuffmanEncoder[] dc = new HuffmanEncoder[tables], ac = new HuffmanEncoder[tables];
        for (int t = 0; t < tables; t++) {
            long[] dcFreq = new long[256], acFreq = new long[256];
            for (ScanSymbols c : counts) {
                for (int s = 0; s < 256; s++) {
                    dcFreq[s] += c.dc[t][s];
                    acFreq[s] += c.ac[t][s];
                }
            }
            dc[t] = new HuffmanEncoder(dcFreq);
            ac[t] = new HuffmanEncoder(acFreq);
        }
        PiecedOutput out = new PiecedOutput();
        put16(out, 0xFFD8);
        for (MarkerSegment seg : img.keptSegments) out.append(seg);
        boolean extended = writeQuantTables(img, out);
        writeFrame(img, out, extended ? 0xC1 : 0xC0);
        for (int t = 0; t < tables; t++) {
            writeHuffman(out, 0x00 | t, dc[t]);
            writeHuffman(out, 0x10 | t, ac[t]);
        }
        int first = 0;
        for (int i = 0; i < scans.size(); i++) {
            List<Part> ps = parts.get(i);
            writeScanHeader(img, out, scans.get(i));
            long[] start = new long[ps.size() + 1];
            for (int k = 0; k < ps.size(); k++) start[k + 1] = start[k] + bitLength(counts[first + k], dc, ac);
            byte[] scan = new byte[(int) ((start[ps.size()] + 7) / 8)];
            BitWriter[] writers = new BitWriter[ps.size()];
            int from = first;
            Parallel.forEach(ps.size(), threads, k -> {
                BitWriter w = new BitWriter(scan, start[k]);
                counts[from + k].writeTo(w, dc, ac);
                writers[k] = w;
            });
            for (BitWriter w : writers) w.mergeTail();
            int padding = (int) (-start[ps.size()] & 7);
            if (padding > 0) scan[scan.length - 1] |= (byte) ((1 << padding) - 1); // the last byte is padded with ones
            out.append(MarkerSegment.of(BitWriter.stuffed(scan)));
            first += ps.size();
        }
        put16(out, 0xFFD9);
        return out.joined();
    }

    /** The bits a part codes with these tables. */
    private static long bitLength(ScanSymbols c, HuffmanEncoder[] dc, HuffmanEncoder[] ac) {
        long bits = c.extraBits;
        for (int t = 0; t < dc.length; t++) {
            for (int s = 0; s < 256; s++) bits += c.dc[t][s] * dc[t].length[s] + c.ac[t][s] * ac[t].length[s];
        }
        return bits;
    }

    private static int blocksPerMcu(JpegCoefficients img) {
        int b = 0;
        for (JpegComponent c : img.components) b += c.h * c.v;
        return b;
    }

    /**
     * Codes one part: its rows of the scan, starting from the DC prediction the scan has there (the previous
     * block's DC, as {@link #encodeBlock} clamps it; 0 at the top).
     */
    private static void encodePart(JpegCoefficients img, Part part, ScanSymbols sink) {
        JpegComponent[] sc = part.scan();
        int[] pred = new int[sc.length];
        if (sc.length == 1) {
            JpegComponent c = sc[0];
            int t = tableOf(img, c);
            if (part.row0() > 0) pred[0] = clampDc(c.coefficients[c.offset(c.usedBlocksWide - 1, part.row0() - 1)]);
            for (int by = part.row0(); by < part.row1(); by++) {
                for (int bx = 0; bx < c.usedBlocksWide; bx++) {
                    pred[0] = encodeBlock(c.coefficients, c.offset(bx, by), pred[0], t, sink);
                }
            }
            return;
        }
        if (part.row0() > 0) {
            for (int i = 0; i < sc.length; i++) {
                JpegComponent c = sc[i];
                pred[i] = clampDc(c.coefficients[c.offset(img.mcusWide * c.h - 1, part.row0() * c.v - 1)]);
            }
        }
        for (int my = part.row0(); my < part.row1(); my++) {
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
    private static int encodeBlock(short[] co, int off, int pred, int t, ScanSymbols sink) {
        int dcValue = clampDc(co[off]);
        int diff = dcValue - pred;
        int s = category(diff);
        sink.dc(t, s, diff < 0 ? diff - 1 : diff);
        int run = 0;
        for (int k = 1; k < 64; k++) {
            int v = co[off + ZZ[k]];
            if (v == 0) {
                run++;
                continue;
            }
            v = Math.max(-1023, Math.min(1023, v));
            while (run > 15) {
                sink.ac(t, 0xF0, 0);
                run -= 16;
            }
            s = category(v);
            sink.ac(t, run << 4 | s, v < 0 ? v - 1 : v);
            run = 0;
        }
        if (run > 0) sink.ac(t, 0x00, 0);
        return dcValue;
    }

    /** A DC value as coded, so a difference fits category 11. */
    private static int clampDc(int dc) {
        return Math.max(-1024, Math.min(1023, dc));
    }

    private static int category(int v) {
        return v == 0 ? 0 : 32 - Integer.numberOfLeadingZeros(Math.abs(v));
    }

    /** Writes the tables the components use; true when one needs 16-bit entries (not allowed in baseline). */
    private static boolean writeQuantTables(JpegCoefficients img, ByteArrayOutputStream out) {
        boolean sixteen = false;
        boolean[] used = new boolean[4];
        for (JpegComponent c : img.components) used[c.quantTable] = true;
        for (int id = 0; id < 4; id++) {
            if (!used[id]) continue;
            int[] q = img.quant[id];
            int pq = 0;
            for (int v : q) if (v > 255) pq = 1;
            sixteen |= pq == 1;
            put16(out, 0xFFDB);
            put16(out, 2 + 1 + 64 * (pq + 1));
            out.write(pq << 4 | id);
            for (int k = 0; k < 64; k++) {
                if (pq == 0) out.write(q[ZZ[k]]);
                else put16(out, q[ZZ[k]]);
            }
        }
        return sixteen;
    }

    private static void writeFrame(JpegCoefficients img, ByteArrayOutputStream out, int marker) {
        int n = img.components.length;
        put16(out, 0xFF00 | marker);
        put16(out, 8 + 3 * n);
        out.write(8);
        put16(out, img.height);
        put16(out, img.width);
        out.write(n);
        for (JpegComponent c : img.components) {
            out.write(c.id);
            out.write(c.h << 4 | c.v);
            out.write(c.quantTable);
        }
    }

    private static void put16(ByteArrayOutputStream out, int v) {
        out.write(v >> 8 & 0xFF);
        out.write(v & 0xFF);
    }

    private static void writeHuffman(ByteArrayOutputStream out, int classAndId, HuffmanEncoder t) {
        put16(out, 0xFFC4);
        put16(out, 2 + 1 + 16 + t.values.length);
        out.write(classAndId);
        for (int len = 1; len <= 16; len++) out.write(t.counts[len]);
        for (int v : t.values) out.write(v);
    }

    private static void writeScanHeader(JpegCoefficients img, ByteArrayOutputStream out, JpegComponent[] sc) {
        put16(out, 0xFFDA);
        put16(out, 6 + 2 * sc.length);
        out.write(sc.length);
        for (JpegComponent c : sc) {
            out.write(c.id);
            int t = tableOf(img, c);
            out.write(t << 4 | t);
        }
        out.write(0);
        out.write(63);
        out.write(0);
    }
}
