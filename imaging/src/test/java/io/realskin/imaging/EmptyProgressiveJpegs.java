package io.realskin.imaging;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Progressive gray JPEGs of any size whose blocks are all empty, written in a few bytes per scan: a DC scan of one bit
 * per block, then AC scans of runs of empty bands (EOB14: 32,767 blocks in 16 bits). Legal and cheap to send, costly to
 * decode: every scan is a pass over every block.
 */
public final class EmptyProgressiveJpegs {
    private EmptyProgressiveJpegs() {
    }

    /** {@code width} x {@code height}, its DC scan and {@code acScans} AC scans of the band 1..63. */
    public static byte[] of(int width, int height, int acScans) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xD8});
        byte[] dqt = new byte[65];
        Arrays.fill(dqt, 1, 65, (byte) 1);
        segment(out, 0xDB, dqt);
        segment(out, 0xC2, new byte[] {8, (byte) (height >> 8), (byte) height, (byte) (width >> 8), (byte) width, 1, 1, 0x11, 0});
        // DC table 0: one code "0" for difference category 0; AC table 0: "0" for EOB, "10" for EOB14 (0xE0)
        byte[] tables = new byte[17 + 1 + 17 + 2];
        tables[1] = 1;
        tables[18] = 0x10;
        tables[19] = 1;
        tables[20] = 1;
        tables[36] = (byte) 0xE0;
        segment(out, 0xC4, tables);
        long blocks = (long) ((width + 7) / 8) * ((height + 7) / 8);
        segment(out, 0xDA, new byte[] {1, 1, 0, 0, 0, 0});
        Bits dc = new Bits();
        for (long b = 0; b < blocks; b++) dc.put(0, 1);
        out.writeBytes(dc.aligned());
        for (int s = 0; s < acScans; s++) {
            segment(out, 0xDA, new byte[] {1, 1, 0, 1, 63, 0});
            Bits ac = new Bits();
            long left = blocks;
            while (left >= 16384) {
                long run = Math.min(left, 32767);
                ac.put(2, 2);
                ac.put((int) (run - 16384), 14);
                left -= run;
            }
            for (long b = 0; b < left; b++) ac.put(0, 1);
            out.writeBytes(ac.aligned());
        }
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xD9});
        return out.toByteArray();
    }

    private static void segment(ByteArrayOutputStream out, int marker, byte[] body) {
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) marker, (byte) ((body.length + 2) >> 8), (byte) (body.length + 2)});
        out.writeBytes(body);
    }

    /** Entropy-coded bits, 0xFF bytes stuffed, padded with ones. */
    private static final class Bits {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private int acc;
        private int n;

        void put(int value, int length) {
            for (int i = length - 1; i >= 0; i--) {
                acc = acc << 1 | (value >> i & 1);
                if (++n == 8) {
                    out.write(acc);
                    if (acc == 0xFF) out.write(0);
                    acc = 0;
                    n = 0;
                }
            }
        }

        byte[] aligned() {
            while (n != 0) put(1, 1);
            return out.toByteArray();
        }
    }
}
