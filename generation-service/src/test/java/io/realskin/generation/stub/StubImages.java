package io.realskin.generation.stub;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/** The pictures the stubs answer with: a textured synthetic image of any size, or a transformed copy of an input. */
public final class StubImages {
    private static final Map<String, byte[]> CACHE = new ConcurrentHashMap<>();

    private StubImages() {
    }

    /** A deterministic WxH image (gradient, blobs, grain) encoded as {@code png} or {@code jpg}. */
    public static byte[] synthetic(int width, int height, String format) {
        return CACHE.computeIfAbsent(width + "x" + height + "." + format, k -> encode(draw(width, height), format));
    }

    /** The synthetic image in a provider API's {@code output_format} ({@code jpeg} or {@code png}). */
    public static byte[] inOutputFormat(int width, int height, String outputFormat) {
        return synthetic(width, height, "jpeg".equals(outputFormat) ? "jpg" : "png");
    }

    public static BufferedImage draw(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Random random = new Random(width * 31L + height);
        int[] row = new int[width * 3];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double dx = (x - width / 2.0) / width;
                double dy = (y - height / 2.0) / height;
                double face = Math.max(0, 1 - 4 * (dx * dx + dy * dy));
                int grain = random.nextInt(17) - 8;
                row[3 * x] = clamp(120 + (int) (90 * face) + grain);            // R
                row[3 * x + 1] = clamp(90 + (int) (60 * face) + grain);         // G
                row[3 * x + 2] = clamp(70 + (int) (50 * face) + (y * 40 / height) + grain); // B
            }
            image.getRaster().setPixels(0, y, width, 1, row);
        }
        return image;
    }

    /** The input resized to WxH with every channel shifted (R+dr, G+dg, B+db): an answer that changed the whole frame. */
    public static byte[] resizedAndShifted(byte[] input, int width, int height, int dr, int dg, int db, String format) {
        BufferedImage source = decode(input);
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(source, 0, 0, width, height, null);
        g.dispose();
        int[] row = new int[width * 3];
        for (int y = 0; y < height; y++) {
            out.getRaster().getPixels(0, y, width, 1, row);
            for (int x = 0; x < width; x++) {
                row[3 * x] = clamp(row[3 * x] + dr);
                row[3 * x + 1] = clamp(row[3 * x + 1] + dg);
                row[3 * x + 2] = clamp(row[3 * x + 2] + db);
            }
            out.getRaster().setPixels(0, y, width, 1, row);
        }
        return encode(out, format);
    }

    public static BufferedImage decode(byte[] bytes) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
            if (image == null) {
                throw new IllegalArgumentException("not an image ImageIO reads");
            }
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the bytes start with the PNG signature. */
    public static boolean isPng(byte[] bytes) {
        return bytes.length >= 8 && (bytes[0] & 0xFF) == 0x89 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G';
    }

    public static int[] size(byte[] bytes) {
        BufferedImage image = decode(bytes);
        return new int[] {image.getWidth(), image.getHeight()};
    }

    /** PNG at the fastest deflate level (stub answers need not be small), JPEG at quality 0.9. */
    public static byte[] encode(BufferedImage image, String format) {
        return encode(image, format, "png".equals(format) ? 1.0f : 0.9f);
    }

    /** @param quality javax.imageio's compression quality: a JPEG's quality, or for a PNG 1 = fastest deflate */
    public static byte[] encode(BufferedImage image, String format, float quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName(format).next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(quality);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
