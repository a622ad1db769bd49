package io.realskin.gateway.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realskin.imaging.ImageLimits;
import io.realskin.imaging.ProducerPngs;
import io.realskin.imaging.ProducerWebps;
import io.realskin.imaging.TestImages;
import io.realskin.support.problem.ProblemException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ImageChecksTest {
    /** A JPEG's scans are walked over the frame its header announces: a header over the limits is refused before the walk. */
    @Test
    void aJpegHeaderOverTheLimitsIsTooLargeBeforeItsScansAreWalked() {
        byte[] jpeg = TestImages.oversizedHeaderOverCorruptData(60000, 60000);
        ProblemException e = assertThrows(ProblemException.class, () -> ImageChecks.check(jpeg, ImageLimits.DEFAULT, "50 MP"));
        assertEquals(413, e.problem().status(), e.getMessage());
    }

    /**
     * An extended WebP whose canvas says 1600x1600 around 800x800 image data: libwebp decodes neither, so it is refused
     * at upload naming both sizes (until 2026-12-05 it was stored as a 1600x1600 image every job then failed on).
     */
    @Test
    void aWebpWhoseCanvasIsNotItsImagesSizeIsRefusedNamingBoth() {
        byte[] vp8 = {0x50, 0x01, 0x00, (byte) 0x9D, 0x01, 0x2A, 0x20, 0x03, 0x20, 0x03}; // a key frame, 800x800
        ByteBuffer simple = ByteBuffer.allocate(20 + vp8.length).order(ByteOrder.LITTLE_ENDIAN);
        simple.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(12 + vp8.length).put("WEBPVP8 ".getBytes(StandardCharsets.US_ASCII))
                .putInt(vp8.length).put(vp8);
        byte[] webp = ProducerWebps.webpExtended(simple.array(), 1600, 1600, null, null, null);
        ProblemException e = assertThrows(ProblemException.class, () -> ImageChecks.check(webp, ImageLimits.DEFAULT, "50 MP"));
        assertEquals(415, e.problem().status(), e.getMessage());
        assertTrue(e.problem().detail().contains("its canvas is 1600x1600 but its image data codes 800x800"), e.problem().detail());
    }

    /** An animated PNG is one image per upload no more than an animated WebP is: 415 naming it. */
    @Test
    void anAnimatedPngIsRefusedNamingIt() {
        byte[] apng = ProducerPngs.animated(TestImages.png(64, 48), 3, true);
        ProblemException e = assertThrows(ProblemException.class, () -> ImageChecks.check(apng, ImageLimits.DEFAULT, "50 MP"));
        assertEquals(415, e.problem().status(), e.getMessage());
        assertEquals("animated PNG (APNG): one image per upload", e.problem().detail());
    }
}
