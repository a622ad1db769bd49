package io.realskin.imaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * A tiled TIFF is decoded in whole tiles, the parts past the image's edges included: its tiles are held to the limits,
 * not only its size, so a small image in a huge tile (a few KB deflated) cannot make a decoder allocate and decode
 * the tile's pixels.
 */
class ImageProbeTiledTiffLimitsTest {
    /** 5,000 pixels, so 15,000 decoded bytes. */
    private static final ImageLimits SMALL = new ImageLimits(5_000, 1 << 20);

    @Test
    void aSmallImageInTilesOverThePixelLimitIsTooLarge() {
        byte[] tiff = TiledTiffs.of(64, 64, 1, TiledTiffs.asymmetric(64, 64, 1), 1, 128); // 4,096 pixels in 16,384
        assertEquals(4_096, ImageProbe.probe(tiff).pixels(), "the image itself is within the limit");
        ImageRejectedException e = assertThrows(ImageRejectedException.class, () -> ImageProbe.probe(tiff, SMALL));
        assertEquals("too_large", e.code());
        assertTrue(e.getMessage().contains("tiles of 128x128"), e.getMessage());
    }

    @Test
    void tilesOverTheDecodedSizeAreTooLarge() {
        // 80x48 RGB decodes to 11,520 bytes, its tiles (128x64) to 24,576: both within 10,000 pixels, not 20,000 bytes
        byte[] tiff = TiledTiffs.of(80, 48, 3, TiledTiffs.asymmetric(80, 48, 3), 1, 64);
        ImageLimits limits = new ImageLimits(10_000, 1 << 20, 20_000);
        limits.check(tiff.length, ImageProbe.probe(tiff));
        ImageRejectedException e = assertThrows(ImageRejectedException.class, () -> ImageProbe.probe(tiff, limits));
        assertEquals("too_large", e.code());
        assertTrue(e.getMessage().contains("MB"), e.getMessage());
    }

    @Test
    void tilesThatPadTheImageWithinTheLimitsPass() {
        byte[] tiff = TiledTiffs.of(50, 40, 3, TiledTiffs.asymmetric(50, 40, 3), 1, 16); // 64x48 in tiles: 3,072 pixels
        ImageInfo info = ImageProbe.probe(tiff, SMALL);
        assertEquals(50, info.width());
        assertEquals(40, info.height());
    }
}
