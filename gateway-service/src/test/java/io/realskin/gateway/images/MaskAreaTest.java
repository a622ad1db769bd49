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
            // a rendering at half the mask's size a side: each of its pixels stands for 4 of the mask's
            double painted = MaskArea.painted(png(mask), 200L * 100);
            assertEquals(4 * (100 + 400 * 128 / 255.0), painted, 4 * 8, "type " + type);
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
        double painted = MaskArea.painted(png(mask), 100L * 50);
        assertEquals(100 + 400 * 128 / 255.0, painted, 2);
    }

    private static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
