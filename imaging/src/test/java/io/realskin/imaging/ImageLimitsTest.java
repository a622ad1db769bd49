package io.realskin.imaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The limits are checked from the header's numbers: bytes, then pixels, then the decoded size; each at its edge. */
class ImageLimitsTest {
    /** 100 pixels, 1,000 bytes, so 300 decoded bytes: small numbers make the edges visible. */
    private static final ImageLimits SMALL = new ImageLimits(100, 1_000);

    @Test
    void theDefaultsAre50MegapixelsAnd30MebibytesDecodedAtMost150Megabytes() {
        assertEquals(50_000_000L, ImageLimits.DEFAULT.maxPixels());
        assertEquals(30L * 1024 * 1024, ImageLimits.DEFAULT.maxBytes());
        assertEquals(150_000_000L, ImageLimits.DEFAULT.maxDecodedBytes());
        assertEquals(3 * 7L, new ImageLimits(7, 1).maxDecodedBytes(), "the budget is 3 bytes per pixel of the pixel limit");
    }

    @ParameterizedTest(name = "{0} bytes: {1}")
    @CsvSource({
        "0,    true",
        "999,  true",
        "1000, true",
        "1001, false",
    })
    void theByteCountIsCheckedEvenWithoutAHeader(long bytes, boolean accepted) {
        assertEquals(accepted, accepts(SMALL, bytes, null));
    }

    @ParameterizedTest(name = "{0}x{1}, {2} channels of {3} bytes: {4}")
    @CsvSource({
        // pixels at the limit and one row more
        "10,  10, 3, 1, true",
        "100,  1, 3, 1, true",
        "1,  100, 3, 1, true",
        "101,  1, 3, 1, false",
        "11,  10, 1, 1, false",   // over the pixel limit even though one channel would fit the decoded budget
        // the decoded size: depth and channels count, not only pixels
        "10,  10, 4, 1, false",   // 400 decoded bytes
        "10,  7,  4, 1, true",    // 280
        "10,  10, 1, 2, true",    // 200
        "10,  5,  3, 2, true",    // 300, the budget exactly
        "10,  6,  3, 2, false",   // 360
        "5,   5,  4, 4, false",   // 400: 32-bit float RGBA
        "3,   6,  4, 4, true",    // 288
    })
    void pixelsAndDecodedSizeAreCheckedAtTheirEdges(int width, int height, int channels, int bytesPerSample, boolean accepted) {
        ImageInfo info = new ImageInfo(ImageFormat.PNG, width, height, 1, true, channels, bytesPerSample);
        assertEquals(accepted, accepts(SMALL, 10, info));
    }

    @Test
    void eachRefusalIsTooLargeAndSaysWhichLimit() {
        assertTrue(refusal(SMALL, 1001, null).contains("1001 bytes, the limit is 1000"));
        assertTrue(refusal(SMALL, 10, new ImageInfo(ImageFormat.JPEG, 20, 10, 1, true)).contains("20x10 = 200 pixels, the limit is 100"));
        String decoded = refusal(ImageLimits.DEFAULT, 10, new ImageInfo(ImageFormat.TIFF, 8000, 6000, 1, true, 4, 2));
        assertTrue(decoded.contains("4 channels of 16 bits"), decoded);
        assertTrue(decoded.contains("384 MB; the limit is 150 MB"), decoded);
    }

    @Test
    void bytesAreCheckedBeforeTheHeader() {
        // both over: the answer is about the bytes, which needed nothing parsed
        String message = refusal(SMALL, 5_000, new ImageInfo(ImageFormat.PNG, 1000, 1000, 1, true));
        assertTrue(message.startsWith("image is 5000 bytes"), message);
    }

    @Test
    void aTinyFileClaimingFourGigapixelsIsRefusedFromItsHeader() {
        byte[] png = TestImages.png(65535, 65535);
        assertTrue(png.length < 100, "a few dozen bytes");
        ImageInfo info = ImageProbe.probe(png);
        assertEquals(65535L * 65535L, info.pixels(), "counted in long: 4,294,836,225 pixels overflow an int");
        assertTrue(refusal(ImageLimits.DEFAULT, png.length, info).contains("4294836225 pixels"));
    }

    private static boolean accepts(ImageLimits limits, long bytes, ImageInfo info) {
        try {
            limits.check(bytes, info);
            return true;
        } catch (ImageRejectedException e) {
            assertEquals(ImageRejectedException.TOO_LARGE, e.code());
            return false;
        }
    }

    private static String refusal(ImageLimits limits, long bytes, ImageInfo info) {
        ImageRejectedException e = assertThrows(ImageRejectedException.class, () -> limits.check(bytes, info));
        assertEquals(ImageRejectedException.TOO_LARGE, e.code());
        return e.getMessage();
    }
}
