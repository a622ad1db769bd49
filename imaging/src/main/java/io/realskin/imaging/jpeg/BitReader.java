package io.realskin.imaging.jpeg;

/**
 * Reads the bits of entropy-coded scan data: removes the 0x00 stuffed after each 0xFF and stops at a marker
 * (feeding zero bits past it, as decoders do for a truncated segment, and remembering when one of those was read:
 * {@link #overran()}).
 */
public final class BitReader {
    private final byte[] data;
    private int pos;
    private long buffer;
    private int count;
    private boolean atMarker;
    /** How many of the buffer's last bits are zeros fed past the marker, not data. */
    private int fed;
    private boolean overran;

    public BitReader(byte[] data, int pos) {
        this.data = data;
        this.pos = pos;
    }

    private void fill() {
        while (count <= 56) {
            int b = 0;
            if (!atMarker) {
                if (pos >= data.length) {
                    atMarker = true;
                    fed += 8;
                } else {
                    b = data[pos] & 0xFF;
                    if (b == 0xFF) {
                        int next = pos + 1 < data.length ? data[pos + 1] & 0xFF : 0xD9;
                        if (next == 0x00) {
                            pos += 2;
                        } else {
                            atMarker = true;
                            fed += 8;
                            b = 0;
                        }
                    } else {
                        pos++;
                    }
                }
            } else {
                fed += 8;
            }
            buffer |= (long) b << (56 - count);
            count += 8;
        }
    }

    /** The next n (1..16) bits without consuming them. */
    public int peek(int n) {
        if (count < n) fill();
        return (int) (buffer >>> (64 - n));
    }

    public void skip(int n) {
        buffer <<= n;
        count -= n;
    }

    /**
     * Consumes n (0..63) bits without reading them, filling the buffer when and as n calls of {@link #bit()} would
     * (where the data ends early, how far it was read ahead decides where a restart interval after it starts).
     */
    public void skipBits(int n) {
        while (n > count) {
            n -= count;
            buffer = 0;
            count = 0;
            fill();
        }
        skip(n);
    }

    /** Consumes n (0..16) bits as {@link #bits} does, without reading them. */
    public void drop(int n) {
        if (count < n) fill();
        skip(n);
    }

    public int bits(int n) {
        if (n == 0) return 0;
        int v = peek(n);
        skip(n);
        return v;
    }

    public int bit() {
        return bits(1);
    }

    /** T.81 F.2.2.1 RECEIVE + EXTEND: n bits as a signed magnitude category value. */
    public int receiveExtend(int n) {
        return extend(bits(n), n);
    }

    /** T.81 F.2.2.1 EXTEND: {@code v}, the n bits read, as the signed value of magnitude category n. */
    public static int extend(int v, int n) {
        if (n == 0) return 0;
        int below = (int) ((long) v - (1 << (n - 1)) >> 63); // -1 when v < 1 << (n - 1): no branch on v's bits
        return v + (below & 1 - (1 << n));
    }

    /**
     * At a restart interval's end: drops the padding bits and steps over the RSTn marker (tolerating a missing
     * one, as decoders do).
     */
    public void restart() {
        overran |= fed > count;
        fed = 0;
        buffer = 0;
        count = 0;
        atMarker = false;
        while (pos + 1 < data.length && (data[pos] & 0xFF) == 0xFF && (data[pos + 1] & 0xFF) == 0xFF) pos++;
        if (pos + 1 < data.length && (data[pos] & 0xFF) == 0xFF) {
            int m = data[pos + 1] & 0xFF;
            if (m >= 0xD0 && m <= 0xD7) pos += 2;
        }
    }

    /**
     * True once more bits were read than the data holds: the decoder went on with zeros where the data stopped at
     * a marker (or at the end of the bytes), as libjpeg does with its "premature end of data segment" warning.
     */
    public boolean overran() {
        return overran || fed > count;
    }

    /**
     * Whether every bit from here to the next {@link #restart} is a zero fed past the marker (or the end of the bytes)
     * that ends this restart interval's data: some were read already, or no data bit is left in the buffer and the
     * next byte is a marker's.
     */
    public boolean pastTheData() {
        if (fed != count) return fed > count;
        if (atMarker || pos >= data.length) return true;
        return (data[pos] & 0xFF) == 0xFF && (pos + 1 >= data.length || data[pos + 1] != 0);
    }

    /**
     * Whether a {@link #restart} from here would step over a restart marker (after any 0xFF fill bytes) to more data;
     * false when it would stay where it is, at another marker or the end of the bytes, so that every later interval
     * reads only zeros too.
     */
    public boolean atRestartMarker() {
        int p = pos;
        while (p + 1 < data.length && (data[p] & 0xFF) == 0xFF && (data[p + 1] & 0xFF) == 0xFF) p++;
        if (p + 1 >= data.length || (data[p] & 0xFF) != 0xFF) return false;
        int m = data[p + 1] & 0xFF;
        return m >= 0xD0 && m <= 0xD7;
    }

    /** Position of the marker that ends the scan. */
    public int endOfScan() {
        int p = pos;
        while (p + 1 < data.length) {
            if ((data[p] & 0xFF) == 0xFF) {
                int m = data[p + 1] & 0xFF;
                if (m != 0x00 && m != 0xFF && (m < 0xD0 || m > 0xD7)) return p;
            }
            p++;
        }
        return data.length;
    }
}
