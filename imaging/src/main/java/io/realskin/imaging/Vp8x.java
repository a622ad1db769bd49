package io.realskin.imaging;

/**
 * WebP's extended-format chunk (VP8X, RFC 9649 2.7): the flags that say which features a file has, and the chunk
 * that makes a simple WebP (one VP8 or VP8L chunk) an extended one.
 */
final class Vp8x {
    static final int ICC = 0x20;
    static final int ALPHA = 0x10;
    static final int EXIF = 0x08;
    static final int XMP = 0x04;
    static final int ANIMATION = 0x02;
    /** Where the flags byte is in the chunk (after its FourCC and size). */
    static final int FLAGS_AT = 8;

    private Vp8x() {
    }

    /** A VP8X chunk with {@code flags} for the simple WebP {@code simple}: its canvas size, {@link #ALPHA} when it has alpha. */
    static byte[] forSimple(byte[] simple, int flags) {
        ImageInfo info = ImageProbe.probe(simple);
        int w = info.width() - 1;
        int h = info.height() - 1;
        return new byte[] {'V', 'P', '8', 'X', 10, 0, 0, 0, (byte) (flags | (info.channels() == 4 ? ALPHA : 0)), 0, 0, 0,
            (byte) w, (byte) (w >> 8), (byte) (w >> 16), (byte) h, (byte) (h >> 8), (byte) (h >> 16)};
    }
}
