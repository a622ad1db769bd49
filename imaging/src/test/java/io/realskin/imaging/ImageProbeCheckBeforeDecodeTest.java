package io.realskin.imaging;

import static io.realskin.imaging.TestPngs.idats;
import static io.realskin.imaging.TestPngs.iend;
import static io.realskin.imaging.TestPngs.ihdr;
import static io.realskin.imaging.TestPngs.png;
import static io.realskin.imaging.TestPngs.raw;
import static io.realskin.imaging.TestPngs.zlib;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Before a whole decode a PNG's image data is inflated too: libpng inflates a zlib stream to its end however far it
 * runs past the image, so a small file can cost seconds; the probe alone (which decodes nothing) does not look.
 */
class ImageProbeCheckBeforeDecodeTest {
    private static final byte[] RAW = raw(40, 30, 8, 2, false, 7);

    @Test
    void aPngWhoseDataInflatesFarPastTheImageIsRefusedBeforeADecode() {
        byte[] bomb = png(ihdr(40, 30, 8, 2, 0), idats(zlib(Arrays.copyOf(RAW, RAW.length + 1_000_000)), 8192), iend());
        assertTrue(ImageProbe.probe(bomb).complete(), "the header and the chunks are whole");
        ImageRejectedException refused = assertThrows(ImageRejectedException.class, () -> ImageProbe.checkBeforeDecode(bomb, ImageProbe.probe(bomb)));
        assertEquals(ImageRejectedException.BAD_IMAGE, refused.code());
        assertTrue(refused.getMessage().contains("past the 3630 the header announces"), refused.getMessage());
    }

    @Test
    void aWholePngAndAJpegPass() {
        byte[] whole = png(ihdr(40, 30, 8, 2, 0), idats(zlib(RAW), 8192), iend());
        assertDoesNotThrow(() -> ImageProbe.checkBeforeDecode(whole, ImageProbe.probe(whole)));
        byte[] jpeg = TestImages.jpeg(64, 48, false, true, 0);
        assertDoesNotThrow(() -> ImageProbe.checkBeforeDecode(jpeg, ImageProbe.probe(jpeg)));
    }
}
