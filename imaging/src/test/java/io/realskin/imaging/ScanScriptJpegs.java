package io.realskin.imaging;

import java.io.ByteArrayOutputStream;

/**
 * Progressive JPEGs of headers only: a frame of any size and sampling, one DC and one AC Huffman table, and a scan
 * script whose scans each hold a single byte of data. What a decoder would decode is not there; what their headers
 * say each scan covers is, so the scan limits can be checked on the scripts encoders write at any image size.
 */
final class ScanScriptJpegs {
    private ScanScriptJpegs() {
    }

    /** One scan: its components (frame ids), spectral band and successive approximation bits. */
    record Scan(int[] ids, int ss, int se, int ah, int al) {
        static Scan of(int ss, int se, int ah, int al, int... ids) {
            return new Scan(ids, ss, se, ah, al);
        }
    }

    /**
     * @param sampling per component (ids 1, 2, ...), its sampling factors as the frame header codes them (0x22, 0x11)
     */
    static byte[] of(int width, int height, int[] sampling, Scan... script) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xD8});
        byte[] frame = new byte[6 + 3 * sampling.length];
        frame[0] = 8;
        frame[1] = (byte) (height >> 8);
        frame[2] = (byte) height;
        frame[3] = (byte) (width >> 8);
        frame[4] = (byte) width;
        frame[5] = (byte) sampling.length;
        for (int c = 0; c < sampling.length; c++) {
            frame[6 + 3 * c] = (byte) (c + 1);
            frame[7 + 3 * c] = (byte) sampling[c];
        }
        segment(out, 0xC2, frame);
        byte[] tables = new byte[2 * 18]; // DC table 0 and AC table 0: one code of length 1 for symbol 0
        tables[1] = 1;
        tables[18] = 0x10;
        tables[19] = 1;
        segment(out, 0xC4, tables);
        for (Scan scan : script) {
            byte[] header = new byte[4 + 2 * scan.ids().length];
            header[0] = (byte) scan.ids().length;
            for (int i = 0; i < scan.ids().length; i++) header[1 + 2 * i] = (byte) scan.ids()[i];
            int bands = 1 + 2 * scan.ids().length;
            header[bands] = (byte) scan.ss();
            header[bands + 1] = (byte) scan.se();
            header[bands + 2] = (byte) (scan.ah() << 4 | scan.al());
            segment(out, 0xDA, header);
            out.write(0);
        }
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xD9});
        return out.toByteArray();
    }

    private static void segment(ByteArrayOutputStream out, int marker, byte[] body) {
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) marker, (byte) ((body.length + 2) >> 8), (byte) (body.length + 2)});
        out.writeBytes(body);
    }
}
