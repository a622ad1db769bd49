package io.realskin.generation.imaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realskin.generation.stub.StubImages;
import io.realskin.imaging.ImageProbe;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** How a reference the providers do not take as stored (a TIFF, a BMP) is coded to leave. */
class OutgoingImageTest {
    @BeforeAll
    static void opencv() {
        OpenCv.load();
    }

    /** A photo-like picture: a gradient under fine noise (pores, grain), which no lossless coder shrinks much. */
    private static BufferedImage photo(int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Random noise = new Random(7);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int g = noise.nextInt(48);
                image.setRGB(x, y, ((x * 200 / w + g) << 16) | ((y * 200 / h + g) << 8) | (150 + g / 2));
            }
        }
        return image;
    }

    private static byte[] tiff(BufferedImage image, String compression) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("tiff").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (compression == null) {
                param.setCompressionMode(ImageWriteParam.MODE_DISABLED);
            } else {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionType(compression);
            }
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /**
     * A JPEG-compressed TIFF (a camera's or scanner's) leaves as a JPEG at quality 95, not as a PNG several times its
     * size: before, a 2.9 MB TIFF of a 17.9 MP photo left as a 17.3 MB PNG, past what Gemini takes in a request.
     */
    @Test
    void aJpegCompressedTiffLeavesAsAJpegNoLargerThanThePngOfItsPixels() throws IOException {
        byte[] stored = tiff(photo(800, 600), "JPEG");
        OutgoingImage sent = OutgoingImage.of(stored, ImageProbe.probe(stored));
        assertEquals("image/jpeg", sent.contentType());
        assertArrayEquals(new int[] {800, 600}, StubImages.size(sent.bytes()));
        byte[] png = InpaintImages.png(InpaintImages.decode(stored, ImageProbe.probe(stored), org.opencv.imgcodecs.Imgcodecs.IMREAD_COLOR, "tiff"));
        assertTrue(sent.bytes().length < png.length, sent.bytes().length + " bytes sent, the PNG would be " + png.length);
    }

    /** A TIFF coded without loss, whose PNG is no larger than it, leaves as that PNG: lossless in, lossless out. */
    @Test
    void anUncompressedTiffLeavesAsAPng() throws IOException {
        byte[] stored = tiff(photo(200, 150), null);
        OutgoingImage sent = OutgoingImage.of(stored, ImageProbe.probe(stored));
        assertEquals("image/png", sent.contentType());
        assertArrayEquals(new int[] {200, 150}, StubImages.size(sent.bytes()));
    }
}
