package io.realskin.texture.jpeg;

/**
 * Reads the bits of entropy-coded scan data: removes the 0x00 stuffed after each 0xFF and stops at a marker
 * (feeding zero bits past it, as decoders do for a truncated segment).
 */
final class BitReader {
    private final byte[] data;
    private int pos;
    private long buffer;
    private int count;
    private boolean atMarker;

    BitReader(byte[] data, int pos) {
        this.data = data;
        this.pos = pos;
    }

    private void fill() {
        while (count <= 56) {
            int b = 0;
            if (!atMarker) {
                if (pos >= data.length) {
                    atMarker = true;
                } else {
                    b = data[pos] & 0xFF;
                    if (b == 0xFF) {
                        int next = pos + 1 < data.length ? data[pos + 1] & 0xFF : 0xD9;
                        if (next == 0x00) {
                            pos += 2;
                        } else {
                            atMarker = true;
                            b = 0;
                        }
                    } else {
                        pos++;
                    }
                }
            }
            buffer |= (long) b << (56 - count);
            count += 8;
        }
    }

    /** The next n (1..16) bits without consuming them. */
    int peek(int n) {
        if (count < n) fill();
        return (int) (buffer >>> (64 - n));
    }

    void skip(int n) {
        buffer <<= n;
        count -= n;
    }

    int bits(int n) {
        if (n == 0) return 0;
        int v = peek(n);
        skip(n);
        return v;
    }

    int bit() {
        return bits(1);
    }

    /** T.81 F.2.2.1 RECEIVE + EXTEND: n bits as a signed magnitude category value. */
    int receiveExtend(int n) {
        if (n == 0) return 0;
        int v = bits(n);
        return v < (1 << (n - 1)) ? v - (1 << n) + 1 : v;
    }

    /**
     * At a restart interval's end: drops the padding bits and steps over the RSTn marker (tolerating a missing
     * one, as decoders do).
     */
    void restart() {
        buffer = 0;
        count = 0;
        atMarker = false;
        while (pos + 1 < data.length && (data[pos] & 0xFF) == 0xFF && (data[pos + 1] & 0xFF) == 0xFF) pos++;
        if (pos + 1 < data.length && (data[pos] & 0xFF) == 0xFF) {
            int m = data[pos + 1] & 0xFF;
            if (m >= 0xD0 && m <= 0xD7) pos += 2;
        }
    }

    /** Position of the marker that ends the scan. */
    int endOfScan() {
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
