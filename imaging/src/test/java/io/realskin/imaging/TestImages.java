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
        byte[] exif = {(byte) 0xFF, (byte) 0xE1, 0, 34, 'E', 'x', 'i', 'f', 0, 0,
            'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 1, 18, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0};
        return insertAfterSoi(jpeg, exif);
    }

    /** The JPEG with a segment inserted right after its SOI marker. */
    public static byte[] insertAfterSoi(byte[] jpeg, byte[] segment) {
        byte[] out = new byte[jpeg.length + segment.length];
        System.arraycopy(jpeg, 0, out, 0, 2);
        System.arraycopy(segment, 0, out, 2, segment.length);
        System.arraycopy(jpeg, 2, out, 2 + segment.length, jpeg.length - 2);
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
