package io.realskin.imaging;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Hand-made header bytes for tests of the probe and of the decoders behind it (shared as imaging's test-jar). */
public final class HeaderBytes {
    private HeaderBytes() {
    }

    /** A PNG signature + IHDR claiming the given size, and nothing else. */
    public static byte[] pngHeader(int w, int h) {
        ByteBuffer b = ByteBuffer.allocate(33);
        b.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10});
        b.putInt(13).put("IHDR".getBytes(StandardCharsets.US_ASCII)).putInt(w).putInt(h);
        b.put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0).putInt(0);
        return b.array();
    }

    /** The JPEG with an APP1 Exif segment saying orientation 6 (rotate 90 degrees clockwise) right after SOI. */
    public static byte[] withExifOrientation6(byte[] jpeg) {
        byte[] exif = {(byte) 0xFF, (byte) 0xE1, 0, 34, 'E', 'x', 'i', 'f', 0, 0,
            'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 1, 18, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0};
        byte[] out = new byte[jpeg.length + exif.length];
        System.arraycopy(jpeg, 0, out, 0, 2);
        System.arraycopy(exif, 0, out, 2, exif.length);
        System.arraycopy(jpeg, 2, out, 2 + exif.length, jpeg.length - 2);
        return out;
    }
}
