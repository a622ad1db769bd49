package io.realskin.gateway.images;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class MaskAreaTest {
    @Test
    void theMinimumIsAPatchOrAQuarterOfASmallerImage() {
        assertEquals(1024, MaskArea.minimum(4000, 3000));
        assertEquals(1024, MaskArea.minimum(64, 64), "4,096 pixels: a quarter is the patch");
        assertEquals(200, MaskArea.minimum(40, 20));
        assertEquals(1, MaskArea.minimum(1, 1));
    }

    /** White counts whole and gray in part, as the engine reads a mask, in a gray, a colour and a palette rendering. */
    @Test
    void whiteCountsWholeAndGrayInPart() throws IOException {
        for (int type : new int[] {BufferedImage.TYPE_BYTE_GRAY, BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_BYTE_INDEXED}) {
            BufferedImage mask = new BufferedImage(100, 50, type);
            var graphics = mask.createGraphics();
            graphics.setColor(Color.BLACK);
            graphics.fillRect(0, 0, 100, 50);
            graphics.setColor(Color.WHITE);
            graphics.fillRect(0, 0, 10, 10);
            graphics.setColor(new Color(128, 128, 128));
            graphics.fillRect(50, 0, 20, 20);
            graphics.dispose();
            double share = (100 + 400 * 128 / 255.0) / 5000;
            MaskArea.Paint paint = MaskArea.paint(png(mask));
            assertEquals(share, paint.painted(), 8.0 / 5000, "type " + type);
            assertEquals(share - MaskArea.RESOLUTION, paint.least(), 8.0 / 5000, "type " + type);
            assertEquals(share + MaskArea.RESOLUTION, paint.most(), 8.0 / 5000, "type " + type);
        }
    }

    /** A stroke on transparent white paints the stroke alone: alpha counts, as the engine reads a mask. */
    @Test
    void aTransparentPixelPaintsNothingWhateverItsColour() throws IOException {
        BufferedImage mask = new BufferedImage(100, 50, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < 50; y++) {
            for (int x = 0; x < 100; x++) {
                mask.setRGB(x, y, x < 10 && y < 10 ? 0xFFFFFFFF : x >= 50 && x < 70 && y < 20 ? 0x80FFFFFF : 0x00FFFFFF);
            }
        }
        assertEquals(100 + 400 * 128 / 255.0, MaskArea.paint(png(mask)).painted() * 5000, 2);
    }

    /**
     * The worker measures the mask itself: a thumbnail pixel averages the gray and the alpha of the mask pixels it
     * stands for apart, so its paint is a range. Half white opaque and half black transparent renders as gray 0.5 at
     * alpha 0.5: the mask painted half of it; half black opaque and half white transparent, the same pixel, nothing.
     * The hold is priced at the most, and a gray mask without alpha has no such range beyond its resolution.
     */
    @Test
    void averagedGrayAndAlphaBoundWhatTheMaskPaints() throws IOException {
        BufferedImage averaged = new BufferedImage(100, 50, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < 50; y++) {
            for (int x = 0; x < 100; x++) {
                averaged.setRGB(x, y, 0x80808080);
            }
        }
        MaskArea.Paint paint = MaskArea.paint(png(averaged));
        assertEquals(0.25, paint.painted(), 0.01);
        assertEquals(0, paint.least(), 1e-9);
        assertEquals(0.5 + MaskArea.RESOLUTION, paint.most(), 0.01);

        BufferedImage white = new BufferedImage(100, 50, BufferedImage.TYPE_BYTE_GRAY);
        var graphics = white.createGraphics();
        graphics.setColor(Color.WHITE);
        graphics.fillRect(0, 0, 100, 50);
        graphics.dispose();
        MaskArea.Paint whole = MaskArea.paint(png(white));
        assertEquals(new MaskArea.Paint(1, 1 - MaskArea.RESOLUTION, 1), whole, "at most the whole image");
    }

    private static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
