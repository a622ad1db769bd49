package io.realskin.imaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The tiles of an 8-bit tiled TIFF come out upright whatever its orientation tag, each pixel where EXIF puts it (the
 * texture engine's SafeImageDecoderTest checks every tag bit for bit against OpenCV's flips and rotations).
 */
class OrientedTiffTilesTest {
    private static final int W = 40;
    private static final int H = 24;

    /** Per tag, the stored pixel that EXIF shows at the upright picture's top-left, top-right, bottom-left corner. */
    private static final int[][][] CORNERS = {
        {},
        {{0, 0}, {W - 1, 0}, {0, H - 1}},
        {{W - 1, 0}, {0, 0}, {W - 1, H - 1}},
        {{W - 1, H - 1}, {0, H - 1}, {W - 1, 0}},
        {{0, H - 1}, {W - 1, H - 1}, {0, 0}},
        {{0, 0}, {0, H - 1}, {W - 1, 0}},
        {{0, H - 1}, {0, 0}, {W - 1, H - 1}},
        {{W - 1, H - 1}, {W - 1, 0}, {0, H - 1}},
        {{W - 1, 0}, {W - 1, H - 1}, {0, 0}},
    };

    @Test
    void everyTagOtherThanOneComesOutUprightInOpenCvsChannelOrder() {
        byte[] rgb = TiledTiffs.asymmetric(W, H, 3);
        for (int orientation = 2; orientation <= 8; orientation++) {
            byte[] tiff = TiledTiffs.of(W, H, 3, rgb, orientation, 16);
            OrientedTiffTiles.Upright upright = OrientedTiffTiles.decodeUpright(tiff, ImageProbe.probe(tiff));
            assertNotNull(upright, "orientation " + orientation);
            boolean transposed = orientation >= 5;
            assertEquals((transposed ? H : W) + "x" + (transposed ? W : H) + "x3",
                    upright.width() + "x" + upright.height() + "x" + upright.channels(), "orientation " + orientation);
            int[][] corners = CORNERS[orientation];
            int[][] at = {{0, 0}, {upright.width() - 1, 0}, {0, upright.height() - 1}};
            for (int c = 0; c < 3; c++) {
                assertArrayEquals(bgr(rgb, W, corners[c][0], corners[c][1]), pixel(upright, at[c][0], at[c][1]),
                        "orientation " + orientation + ", corner " + c);
            }
            byte[] sorted = upright.samples().clone();
            byte[] stored = rgb.clone();
            Arrays.sort(sorted);
            Arrays.sort(stored);
            assertArrayEquals(stored, sorted, "every stored sample once, orientation " + orientation);
        }
    }

    @Test
    void aGrayTiffStaysOneChannel() {
        byte[] gray = TiledTiffs.asymmetric(W, H, 1);
        byte[] tiff = TiledTiffs.of(W, H, 1, gray, 6, 16);
        OrientedTiffTiles.Upright upright = OrientedTiffTiles.decodeUpright(tiff, ImageProbe.probe(tiff));
        assertEquals(H + "x" + W + "x1", upright.width() + "x" + upright.height() + "x" + upright.channels());
        assertEquals(gray[(H - 1) * W], upright.samples()[0], "top-left is the stored bottom-left");
    }

    @Test
    void anUprightTagOrAnotherFormatIsLeftToOpenCv() {
        byte[] tiff = TiledTiffs.of(W, H, 3, TiledTiffs.asymmetric(W, H, 3), 1, 16);
        assertNull(OrientedTiffTiles.decodeUpright(tiff, ImageProbe.probe(tiff)));
        byte[] png = TestImages.png(W, H);
        assertNull(OrientedTiffTiles.decodeUpright(png, ImageProbe.probe(png)));
    }

    @Test
    void tilesTheReaderCannotDecodeAreABadImage() {
        byte[] tiff = TiledTiffs.of(W, H, 3, TiledTiffs.asymmetric(W, H, 3), 6, 16);
        ImageInfo info = ImageProbe.probe(tiff);
        byte[] cut = Arrays.copyOf(tiff, tiff.length - 16 * 16 * 3 * 2);
        ImageRejectedException e = assertThrows(ImageRejectedException.class, () -> OrientedTiffTiles.decodeUpright(cut, info));
        assertEquals(ImageRejectedException.BAD_IMAGE, e.code());
    }

    private static byte[] bgr(byte[] rgb, int width, int x, int y) {
        int i = (y * width + x) * 3;
        return new byte[] {rgb[i + 2], rgb[i + 1], rgb[i]};
    }

    private static byte[] pixel(OrientedTiffTiles.Upright upright, int x, int y) {
        int i = (y * upright.width() + x) * upright.channels();
        return Arrays.copyOfRange(upright.samples(), i, i + upright.channels());
    }
}
