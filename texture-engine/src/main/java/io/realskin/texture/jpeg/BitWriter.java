package io.realskin.texture.jpeg;

/**
 * Writes one part of a scan's entropy-coded bits, unstuffed, into the scan's shared buffer from a given bit offset.
 * The part's whole bytes are its own; a byte it shares with the part before or after (a partial first or last
 * byte) is left zero where it is not the part's, and its last partial byte is kept apart until
 * {@link #mergeTail()}, so parts can be written side by side. {@link #stuffed} adds the 0x00 after every 0xFF
 * once all parts are in.
 */
final class BitWriter {
    private final byte[] out;
    private int pos;
    private long buffer;
    private int count;

    BitWriter(byte[] out, long startBit) {
        this.out = out;
        this.pos = (int) (startBit >>> 3);
        this.count = (int) (startBit & 7); // leading zero bits: the previous part's
    }

    /** Appends the low {@code n} (0..31) bits of {@code value}. */
    void write(int value, int n) {
        buffer = (buffer << n) | (value & ((1L << n) - 1));
        count += n;
        if (count >= 32) {
            count -= 32;
            int b = (int) (buffer >>> count);
            out[pos] = (byte) (b >>> 24);
            out[pos + 1] = (byte) (b >>> 16);
            out[pos + 2] = (byte) (b >>> 8);
            out[pos + 3] = (byte) b;
            pos += 4;
        }
    }

    /** Writes the whole bytes still buffered, then ORs the partial last byte (zero bits after it) into place. */
    void mergeTail() {
        while (count >= 8) {
            count -= 8;
            out[pos++] = (byte) (buffer >>> count);
        }
        if (count > 0) out[pos] |= (byte) (buffer << (8 - count));
        count = 0;
    }

    /** {@code scan} with a 0x00 stuffed after every 0xFF byte (T.81 B.1.1.5); {@code scan} itself when it has none. */
    static byte[] stuffed(byte[] scan) {
        int ff = 0;
        for (byte b : scan) if (b == (byte) 0xFF) ff++;
        if (ff == 0) return scan;
        byte[] stuffed = new byte[scan.length + ff];
        int j = 0;
        for (byte b : scan) {
            stuffed[j++] = b;
            if (b == (byte) 0xFF) j++;
        }
        return stuffed;
    }
}
