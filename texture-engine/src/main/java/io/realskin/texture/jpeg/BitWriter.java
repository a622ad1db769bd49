package io.realskin.texture.jpeg;

/** Writes entropy-coded bits, stuffing a 0x00 after every 0xFF byte; pads the last byte with ones. */
final class BitWriter {
    private byte[] out;
    private int size;
    private long buffer;
    private int count;

    BitWriter(int capacity) {
        out = new byte[Math.max(1024, capacity)];
    }

    void write(int value, int n) {
        buffer = (buffer << n) | (value & ((1L << n) - 1));
        count += n;
        while (count >= 8) {
            int b = (int) (buffer >>> (count - 8)) & 0xFF;
            count -= 8;
            put(b);
            if (b == 0xFF) put(0);
        }
    }

    void flush() {
        if (count > 0) write(0x7F, 8 - count);
    }

    void put(int b) {
        if (size == out.length) out = java.util.Arrays.copyOf(out, out.length * 2);
        out[size++] = (byte) b;
    }

    void putBytes(byte[] b) {
        for (byte x : b) put(x & 0xFF);
    }

    void put16(int v) {
        put(v >> 8 & 0xFF);
        put(v & 0xFF);
    }

    byte[] toArray() {
        return java.util.Arrays.copyOf(out, size);
    }
}
