package io.realskin.imaging;

import java.nio.charset.StandardCharsets;

/**
 * Unsigned numbers and ASCII names at a position in a file's bytes, for the format readers of this package. A number
 * read past either end of the array throws {@link ArrayIndexOutOfBoundsException}, which the readers report as a
 * truncated file; a name that is not all inside the array is the empty string.
 */
final class Bytes {
    private Bytes() {
    }

    static int u8(byte[] b, int i) {
        return b[i] & 0xFF;
    }

    static int be16(byte[] b, int i) {
        return u8(b, i) << 8 | u8(b, i + 1);
    }

    static int le16(byte[] b, int i) {
        return u8(b, i) | u8(b, i + 1) << 8;
    }

    static long be32(byte[] b, int i) {
        return (long) be16(b, i) << 16 | be16(b, i + 2);
    }

    static long le32(byte[] b, int i) {
        return le16(b, i) | (long) le16(b, i + 2) << 16;
    }

    /** The {@code length} bytes at {@code at} as ISO-8859-1 characters, or "" when they are not all in {@code b}. */
    static String ascii(byte[] b, int at, int length) {
        if (at < 0 || at + length > b.length) return "";
        return new String(b, at, length, StandardCharsets.ISO_8859_1);
    }
}
