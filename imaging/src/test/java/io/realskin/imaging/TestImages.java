package io.realskin.imaging;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/**
 * Images built byte by byte (headers that claim any size, for tests of limits checked before decoding), and real
 * JPEGs encoded by javax.imageio with the damage a provider or an upload can bring.
 */
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

    /** The JPEG with that many 4-byte comment segments (COM, no text) after its SOI. */
    public static byte[] withEmptyComments(byte[] jpeg, int count) {
        ByteArrayOutputStream comments = new ByteArrayOutputStream(4 * count);
        for (int i = 0; i < count; i++) comments.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 2});
        return insertAfterSoi(jpeg, comments.toByteArray());
    }

    /** The bytes with more inserted at the given offset. */
    public static byte[] insert(byte[] bytes, int at, byte[] more) {
        byte[] out = new byte[bytes.length + more.length];
        System.arraycopy(bytes, 0, out, 0, at);
        System.arraycopy(more, 0, out, at, more.length);
        System.arraycopy(bytes, at, out, at + more.length, bytes.length - at);
        return out;
    }

    /**
     * A JPEG of smooth gradients with noise (so its scans are long enough to cut anywhere), colour (4:2:0) or gray,
     * baseline or progressive, with a restart marker every {@code restartInterval} MCUs (0: none).
     */
    public static byte[] jpeg(int width, int height, boolean gray, boolean progressive, int restartInterval) {
        BufferedImage img = gradient(width, height, gray);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        if (progressive) {
            param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
        }
        IIOMetadata metadata = writer.getDefaultImageMetadata(new ImageTypeSpecifier(img), param);
        if (restartInterval > 0) {
            String format = "javax_imageio_jpeg_image_1.0";
            IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree(format);
            IIOMetadataNode markers = (IIOMetadataNode) root.getElementsByTagName("markerSequence").item(0);
            IIOMetadataNode dri = new IIOMetadataNode("dri");
            dri.setAttribute("interval", Integer.toString(restartInterval));
            markers.insertBefore(dri, markers.getFirstChild());
            try {
                metadata.setFromTree(format, root);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return write(writer, new IIOImage(img, null, metadata), param);
    }

    /** Smooth gradients with noise, colour (3 bytes BGR) or gray: what {@link #jpeg} codes. */
    public static BufferedImage gradient(int width, int height, boolean gray) {
        BufferedImage img = new BufferedImage(width, height, gray ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_3BYTE_BGR);
        Random random = new Random(5);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int r = Math.min(255, x * 255 / width + random.nextInt(24));
                int g = Math.min(255, y * 255 / height + random.nextInt(24));
                img.setRGB(x, y, r << 16 | g << 8 | (r + g) / 2);
            }
        }
        return img;
    }

    /** The image as {@code writer} writes it with these parameters, in memory; the writer is disposed of after. */
    public static byte[] write(ImageWriter writer, IIOImage image, ImageWriteParam param) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream(); ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(null, image, param);
            stream.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
    }

    /**
     * The JPEG cut inside its entropy-coded data, at about {@code fraction} of what follows its first scan header,
     * and closed with an EOI marker: libjpeg only warns ("premature end of data segment") and decodes the rest as gray.
     */
    public static byte[] cutAndClosed(byte[] jpeg, double fraction) {
        int scan = indexOf(jpeg, 0xDA);
        int at = scan + (int) ((jpeg.length - scan) * fraction);
        if ((jpeg[at - 1] & 0xFF) == 0xFF) {
            at--; // not between a 0xFF and its stuffed 0x00
        }
        return closedAt(jpeg, at);
    }

    /** The JPEG's first {@code length} bytes followed by an EOI marker. */
    public static byte[] closedAt(byte[] jpeg, int length) {
        byte[] out = Arrays.copyOf(jpeg, length + 2);
        out[length] = (byte) 0xFF;
        out[length + 1] = (byte) 0xD9;
        return out;
    }

    /** The file with its first scan (header and data; the DC band's first pass in libjpeg's script) inserted again {@code times} times after it. */
    public static byte[] withFirstScanRepeated(byte[] jpeg, int times) {
        int start = TestImages.indexOf(jpeg, 0xDA);
        int end = nextMarker(jpeg, start + 2 + ((jpeg[start + 2] & 0xFF) << 8 | jpeg[start + 3] & 0xFF));
        byte[] scan = Arrays.copyOfRange(jpeg, start, end);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, end);
        for (int i = 0; i < times; i++) {
            out.writeBytes(scan);
        }
        out.write(jpeg, end, jpeg.length - end);
        return out.toByteArray();
    }

    /** The first marker at or after {@code from} in entropy-coded data: 0xFF not followed by a stuffed 0x00 or a restart marker. */
    public static int nextMarker(byte[] jpeg, int from) {
        for (int i = from; i + 1 < jpeg.length; i++) {
            int next = jpeg[i + 1] & 0xFF;
            if ((jpeg[i] & 0xFF) == 0xFF && next != 0 && (next < 0xD0 || next > 0xD7)) return i;
        }
        return jpeg.length;
    }

    /**
     * A small baseline JPEG whose frame header says {@code width} x {@code height} and whose scan data no table decodes
     * ({@link #withCorruptScanData}): refused as corrupt once its scans are walked, as too large from its header alone.
     */
    public static byte[] oversizedHeaderOverCorruptData(int width, int height) {
        return withFrameSize(withCorruptScanData(jpeg(64, 48, false, false, 0)), width, height);
    }

    /**
     * A copy whose frame header (baseline or progressive) says {@code width} x {@code height}, over the scan data of the
     * image it was: a smaller size's data ends long before the frame's last MCU.
     */
    public static byte[] withFrameSize(byte[] jpeg, int width, int height) {
        byte[] out = jpeg.clone();
        int sof = indexOf(jpeg, 0xC0) > 0 ? indexOf(jpeg, 0xC0) : indexOf(jpeg, 0xC2);
        ByteBuffer.wrap(out, sof + 5, 4).putShort((short) height).putShort((short) width);
        return out;
    }

    /** A copy whose first scan begins with 40 bytes of ones (stuffed): no table of the file has a 16-bit code of ones. */
    public static byte[] withCorruptScanData(byte[] jpeg) {
        byte[] corrupt = jpeg.clone();
        int sos = indexOf(jpeg, 0xDA);
        int data = sos + 2 + ((jpeg[sos + 2] & 0xFF) << 8 | jpeg[sos + 3] & 0xFF);
        for (int i = data; i + 1 < data + 40; i += 2) {
            corrupt[i] = (byte) 0xFF;
            corrupt[i + 1] = 0x00;
        }
        return corrupt;
    }

    /** Where the first marker of that code (0xFF, code) stands after SOI, -1 when there is none. */
    public static int indexOf(byte[] jpeg, int code) {
        for (int i = 2; i + 1 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == code) {
                return i;
            }
        }
        return -1;
    }

    public static byte[] chunk(String type, byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(type.getBytes(StandardCharsets.US_ASCII));
        crc.update(data);
        return ByteBuffer.allocate(12 + data.length).putInt(data.length).put(type.getBytes(StandardCharsets.US_ASCII)).put(data)
                .putInt((int) crc.getValue()).array();
    }
}
