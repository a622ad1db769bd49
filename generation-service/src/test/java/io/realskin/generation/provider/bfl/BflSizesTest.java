package io.realskin.generation.provider.bfl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * FLUX.2 sizes: multiples of 16, at least 256 a side (help.bfl.ai, "Aspect Ratios and Output Dimensions": "Minimum 256 ×
 * 256 pixels"; the API reference's 64 is the looser reading), never above 4,000,000 pixels (BFL's client's reading of
 * 4 MP); FLUX.1 Kontext's aspect ratio within its documented 21:9 to 9:21.
 */
class BflSizesTest {

    @ParameterizedTest
    @CsvSource({
            "1024, 1024, 1024, 1024",  // a multiple of 16 under the limit: as asked
            "1000, 1500, 992, 1488",   // down to multiples of 16
            "2048, 2048, 2000, 2000",  // 4 x 1024 x 1024 is more than 4,000,000
            "4000, 3000, 2304, 1728",  // aspect kept
            "30, 40, 256, 256",        // at least 256 a side
            "64, 2000, 256, 2000",     // until 2026-12-07 64x2000, under the 256 of BFL's help centre
            "8192, 64, 8192, 256",     // the gateway's widest request
            "200000, 50, 15616, 256"}) // the minimum side makes the long one give way
    void sizesAreWhatFlux2Takes(int width, int height, int w, int h) {
        int[] size = BflSizes.size(width, height);
        assertArrayEquals(new int[] {w, h}, size);
        assertTrue((long) size[0] * size[1] <= 4_000_000L);
        assertTrue(size[0] % 16 == 0 && size[1] % 16 == 0 && size[0] >= 256 && size[1] >= 256);
    }

    @ParameterizedTest
    @CsvSource({"1000, 1500, 2:3", "1024, 1024, 1:1", "1920, 1080, 16:9", "4000, 1000, 21:9", "64, 8192, 9:21", "1100, 1000, 1:1"})
    void kontextGetsTheNearestAspectRatioWithinItsRange(int width, int height, String ratio) {
        org.junit.jupiter.api.Assertions.assertEquals(ratio, BflSizes.aspectRatio("flux-kontext-pro", width, height));
    }

    @ParameterizedTest
    @CsvSource({
            "1024, 1024, 1024, 1024",  // the default size: as asked
            "1000, 1500, 960, 1440",   // the longer side at most 1440, multiples of 32
            "1920, 1080, 1440, 800",   // 810 to the nearest multiple of 32
            "100, 120, 256, 256",      // at least 256 a side
            "8192, 64, 1440, 256"})    // the widest request: the short side raised to 256
    void flux1SidesAreMultiplesOf32From256To1440(int width, int height, int w, int h) {
        assertArrayEquals(new int[] {w, h}, BflSizes.flux1Size(width, height));
    }

    @ParameterizedTest
    @CsvSource({"1000, 1500, 2:3", "1024, 1024, 1:1", "1920, 1080, 16:9", "4000, 1000, 21:9", "1000, 2000, 9:16", "1100, 1000, 1:1"})
    void ultraGetsTheNearestOfItsNineRatios(int width, int height, String ratio) {
        org.junit.jupiter.api.Assertions.assertEquals(ratio, BflSizes.aspectRatio("flux-pro-1.1-ultra", width, height));
    }

    @ParameterizedTest
    @CsvSource({"flux-pro-1.1, 0", "flux-pro-1.1-ultra, 0", "flux-pro, 0", "flux-dev, 0", "flux-2-pro, 8", "flux-2-max, 8", "flux-2-flex, 8", "flux-2-klein-9b, 4", "flux-2-klein-4b, 4", "flux-kontext-pro, 4",
            "flux-kontext-max, 4"})
    void eachFamilyTakesTheInputImagesItsReferenceLists(String model, int images) {
        org.junit.jupiter.api.Assertions.assertEquals(images, BflSizes.maxInputImages(model));
    }
}
