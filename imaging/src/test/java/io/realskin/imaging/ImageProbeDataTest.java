package io.realskin.imaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * What the header promises is checked against what the bytes hold: a frame header per JPEG, image data present
 * in PNG, TIFF and BMP, and the decoded size (depth and channels, not only pixels) within the memory budget.
 */
class ImageProbeDataTest {
    @Test
    void aJpegIsSizedByItsFirstFrameAndASecondFrameIsRefused() throws IOException {
        byte[] small = write(new BufferedImage(16, 12, BufferedImage.TYPE_INT_RGB), "jpg");
        ImageInfo info = ImageProbe.probe(small);
        assertEquals(16, info.width());
        assertEquals(12, info.height());
        assertEquals(3, info.channels());
        assertEquals(1, info.bytesPerSample());

        byte[] huge = {(byte) 0xFF, (byte) 0xC0, 0, 17, 8, 0x4E, 0x20, 0x4E, 0x20, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1};
        byte[] hugeThenSmall = TestImages.insertAfterSoi(small, huge);
        ImageRejectedException e = assertThrows(ImageRejectedException.class, () -> ImageProbe.probe(hugeThenSmall));
        assertEquals(ImageRejectedException.BAD_IMAGE, e.code());
        assertTrue(e.getMessage().contains("frame"), e.getMessage());
    }

    @Test
    void aPngWithoutIdatIsRefusedAndOneWithItIsRead() {
        ImageRejectedException e = assertThrows(ImageRejectedException.class, () -> ImageProbe.probe(TestImages.png(64, 48, 8, 2, false)));
        assertEquals(ImageRejectedException.BAD_IMAGE, e.code());
        ImageInfo info = ImageProbe.probe(TestImages.png(64, 48, 8, 2, true));
        assertEquals(64, info.width());
        assertTrue(info.complete());
    }

    @Test
    void aTiffWithoutStripsOrWithStripsPastTheEndIsRefused() throws IOException {
        assertThrows(ImageRejectedException.class, () -> ImageProbe.probe(tiffHeaderOnly(640, 480)));
        byte[] real = write(new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB), "tiff");
        ImageInfo info = ImageProbe.probe(real);
        assertEquals(40, info.width());
        assertEquals(3, info.channels());
        byte[] cut = Arrays.copyOf(real, real.length / 2);
        ImageInfo cutInfo;
        try {
            cutInfo = ImageProbe.probe(cut);
        } catch (ImageRejectedException refused) {
            return; // the IFD itself was cut
        }
        assertTrue(!cutInfo.complete(), "strips past the end of the data are a truncated image");
    }

    @Test
    void aHeaderOnlyBmpIsIncompleteAndARealOneIsRead() throws IOException {
        byte[] bmp = write(new BufferedImage(20, 10, BufferedImage.TYPE_INT_RGB), "bmp");
        ImageInfo info = ImageProbe.probe(bmp);
        assertEquals(ImageFormat.BMP, info.format());
        assertTrue(info.complete());
        assertTrue(!ImageProbe.probe(Arrays.copyOf(bmp, 54)).complete(), "no pixel data after the headers");
    }

    @Test
    void theDecodedSizeCountsDepthAndChannels() {
        ImageInfo rgba16 = ImageProbe.probe(TestImages.png(5000, 4000, 16, 6, true));
        assertEquals(4, rgba16.channels());
        assertEquals(2, rgba16.bytesPerSample());
        assertEquals(5000L * 4000 * 8, rgba16.decodedBytes());
        ImageRejectedException e = assertThrows(ImageRejectedException.class,
                () -> ImageLimits.DEFAULT.check(1000, rgba16));
        assertEquals(ImageRejectedException.TOO_LARGE, e.code());
        ImageLimits.DEFAULT.check(1000, ImageProbe.probe(TestImages.png(5000, 4000, 8, 2, true)));
        ImageLimits.DEFAULT.check(1000, ImageProbe.probe(TestImages.png(7000, 7000, 8, 2, true)));
        assertEquals(1, ImageProbe.probe(TestImages.png(100, 100, 8, 0, true)).channels());
        assertEquals(4, ImageProbe.probe(TestImages.png(100, 100, 8, 4, true)).channels(), "gray and alpha decodes to BGRA");
    }

    static byte[] write(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(image, format, out), format);
        return out.toByteArray();
    }

    static byte[] tiffHeaderOnly(int width, int height) {
        ByteBuffer tiff = ByteBuffer.allocate(8 + 2 + 2 * 12 + 4).order(ByteOrder.LITTLE_ENDIAN);
        tiff.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8).putShort((short) 2);
        tiff.putShort((short) 256).putShort((short) 3).putInt(1).putShort((short) width).putShort((short) 0);
        tiff.putShort((short) 257).putShort((short) 3).putInt(1).putShort((short) height).putShort((short) 0);
        tiff.putInt(0);
        return tiff.array();
    }
}
