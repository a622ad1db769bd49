package io.realskin.generation.provider.bfl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** FLUX.2 sizes: multiples of 16, at least 64 a side, never above 4,000,000 pixels (BFL's client's reading of 4 MP). */
class BflSizesTest {

    @ParameterizedTest
    @CsvSource({
            "1024, 1024, 1024, 1024",  // a multiple of 16 under the limit: as asked
            "1000, 1500, 992, 1488",   // down to multiples of 16
            "2048, 2048, 2000, 2000",  // 4 x 1024 x 1024 is more than 4,000,000
            "4000, 3000, 2304, 1728",  // aspect kept
            "30, 40, 64, 64",          // at least 64
            "200000, 50, 62496, 64"})  // the minimum side makes the long one give way
    void sizesAreWhatFlux2Takes(int width, int height, int w, int h) {
        int[] size = BflSizes.size(width, height);
        assertArrayEquals(new int[] {w, h}, size);
        assertTrue((long) size[0] * size[1] <= 4_000_000L);
        assertTrue(size[0] % 16 == 0 && size[1] % 16 == 0 && size[0] >= 64 && size[1] >= 64);
    }
}
