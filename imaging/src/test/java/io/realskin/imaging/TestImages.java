package io.realskin.imaging;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/** Images built byte by byte: headers that claim any size, for tests of limits checked before decoding. */
public final class TestImages {
    private TestImages() {
    }

    /** A PNG whose header claims the size, bit depth and colour type; with a token compressed IDAT chunk when asked. */
    public static byte[] png(int width, int height, int bitDepth, int colourType, boolean withData) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        out.writeBytes(chunk("IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) bitDepth)
                .put((byte) colourType).put((byte) 0).put((byte) 0).put((byte) 0).array()));
        if (withData) {
            Deflater deflater = new Deflater();
            deflater.setInput(new byte[1024]);
            deflater.finish();
            byte[] idat = new byte[2048];
            out.writeBytes(chunk("IDAT", Arrays.copyOf(idat, deflater.deflate(idat))));
        }
        out.writeBytes(chunk("IEND", new byte[0]));
        return out.toByteArray();
    }

    /** An 8-bit RGB PNG of that size with image data (a token amount of it). */
    public static byte[] png(int width, int height) {
        return png(width, height, 8, 2, true);
    }

    /** The JPEG with an APP1 Exif segment saying orientation 6 (rotate 90 degrees clockwise) right after SOI. */
    public static byte[] withExifOrientation6(byte[] jpeg) {
        return insertAfterSoi(jpeg, exifSegment(6, 8));
    }

    /** An APP1 Exif segment (big-endian TIFF) whose first IFD, at the given offset, holds one orientation entry. */
    public static byte[] exifSegment(int orientation, int ifdOffset) {
        int[] values = {0xFF, 0xE1, 0, 34, 'E', 'x', 'i', 'f', 0, 0,
            'M', 'M', 0, 42, ifdOffset >>> 24, ifdOffset >>> 16, ifdOffset >>> 8, ifdOffset, 0, 1,
            1, 18, 0, 3, 0, 0, 0, 1, orientation >> 8, orientation, 0, 0, 0, 0, 0, 0};
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    /** The JPEG with a segment inserted right after its SOI marker. */
    public static byte[] insertAfterSoi(byte[] jpeg, byte[] segment) {
        return insert(jpeg, 2, segment);
    }

    /** The bytes with more inserted at the given offset. */
    public static byte[] insert(byte[] bytes, int at, byte[] more) {
        byte[] out = new byte[bytes.length + more.length];
        System.arraycopy(bytes, 0, out, 0, at);
        System.arraycopy(more, 0, out, at, more.length);
        System.arraycopy(bytes, at, out, at + more.length, bytes.length - at);
        return out;
    }

    public static byte[] chunk(String type, byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(type.getBytes(StandardCharsets.US_ASCII));
        crc.update(data);
        return ByteBuffer.allocate(12 + data.length).putInt(data.length).put(type.getBytes(StandardCharsets.US_ASCII)).put(data)
                .putInt((int) crc.getValue()).array();
    }
}
