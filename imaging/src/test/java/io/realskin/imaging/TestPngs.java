package io.realskin.imaging;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.zip.Deflater;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;

/**
 * PNGs built chunk by chunk, of any colour type, bit depth and interlace, with image data of seeded random bytes
 * behind every filter type in turn: the rules of {@link PngData} broken one at a time, and Adam7 PNGs (which
 * OpenCV's encoder does not write) for the decoder's tests.
 */
public final class TestPngs {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private TestPngs() {
    }

    /** A whole PNG: IHDR, a PLTE of 2^depth colours for a palette image, the data in IDAT chunks of at most 8 KB, IEND. */
    public static byte[] image(int width, int height, int bitDepth, int colourType, boolean interlaced) {
        byte[] zlib = zlib(raw(width, height, bitDepth, colourType, interlaced, 1));
        return png(ihdr(width, height, bitDepth, colourType, interlaced ? 1 : 0),
                colourType == 3 ? plte(1 << bitDepth) : new byte[0], idats(zlib, 8192), iend());
    }

    /**
     * The image data the header announces: per pass every row's filter type (0, 1, 2, 3, 4 in turn) and its bytes,
     * seeded random (palette indices too: libpng only warns about one past the palette).
     */
    public static byte[] raw(int width, int height, int bitDepth, int colourType, boolean interlaced, long seed) {
        PngHeader header = new PngHeader(width, height, bitDepth, colourType, interlaced);
        byte[] raw = new byte[(int) header.dataBytes()];
        new Random(seed).nextBytes(raw);
        int at = 0;
        int row = 0;
        for (long[] pass : header.passes()) {
            for (int r = 0; r < pass[0]; r++, at += (int) pass[1]) {
                raw[at] = (byte) (row++ % 5);
            }
        }
        return raw;
    }

    /** A zlib stream of the bytes, as java.util.zip writes it (32 KB window). */
    public static byte[] zlib(byte[] raw) {
        return deflate(raw, true);
    }

    /** The bytes deflated and flushed, without the final block and Adler-32: a stream that never ends. */
    public static byte[] zlibWithoutEnd(byte[] raw) {
        return deflate(raw, false);
    }

    public static byte[] ihdr(int width, int height, int bitDepth, int colourType, int interlace) {
        return TestImages.chunk("IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) bitDepth)
                .put((byte) colourType).put((byte) 0).put((byte) 0).put((byte) interlace).array());
    }

    /** A PLTE of that many gray colours. */
    public static byte[] plte(int colours) {
        byte[] rgb = new byte[3 * colours];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (byte) (i / 3 * 255 / Math.max(1, colours - 1));
        }
        return TestImages.chunk("PLTE", rgb);
    }

    /** The zlib stream in IDAT chunks of at most {@code size} bytes. */
    public static byte[] idats(byte[] zlib, int size) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int at = 0; at < zlib.length; at += size) {
            out.writeBytes(TestImages.chunk("IDAT", Arrays.copyOfRange(zlib, at, Math.min(zlib.length, at + size))));
        }
        return out.toByteArray();
    }

    public static byte[] iend() {
        return TestImages.chunk("IEND", new byte[0]);
    }

    /** The signature, then the chunks as given. */
    public static byte[] png(byte[]... chunks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(SIGNATURE);
        for (byte[] chunk : chunks) {
            out.writeBytes(chunk);
        }
        return out.toByteArray();
    }

    /** A chunk (or a run of them) with the last byte of its CRC changed. */
    public static byte[] crcBroken(byte[] chunk) {
        byte[] broken = chunk.clone();
        broken[broken.length - 1] ^= 1;
        return broken;
    }

    private static byte[] deflate(byte[] raw, boolean finish) {
        Deflater deflater = new Deflater();
        try {
            deflater.setInput(raw);
            if (finish) {
                deflater.finish();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[1 << 16];
            while (true) {
                int n = deflater.deflate(buffer, 0, buffer.length, finish ? Deflater.NO_FLUSH : Deflater.SYNC_FLUSH);
                out.write(buffer, 0, n);
                if (finish ? deflater.finished() : n < buffer.length && deflater.needsInput()) {
                    return out.toByteArray();
                }
            }
        } finally {
            deflater.end();
        }
    }

    /** A 37x23 image of seeded random colours of that BufferedImage type, written by javax.imageio (Adam7: its progressive mode). */
    public static byte[] imageio(int type, boolean adam7) {
        BufferedImage image = new BufferedImage(37, 23, type);
        Random random = new Random(type);
        IntStream.range(0, 37 * 23).forEach(i -> image.setRGB(i % 37, i / 37, random.nextInt()));
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setProgressiveMode(adam7 ? ImageWriteParam.MODE_DEFAULT : ImageWriteParam.MODE_DISABLED);
        return TestImages.write(writer, new IIOImage(image, null, null), param);
    }
}
