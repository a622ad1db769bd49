package io.realskin.imaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageInfoTest {
    @ParameterizedTest(name = "orientation {0}: transposed {1}")
    @CsvSource({"1, false", "2, false", "3, false", "4, false", "5, true", "6, true", "7, true", "8, true", "0, false", "9, false"})
    void orientationsFiveToEightSwapWidthAndHeight(int orientation, boolean transposed) {
        assertEquals(transposed, new ImageInfo(ImageFormat.JPEG, 40, 30, orientation, true).transposed());
    }

    @Test
    void pixelsAndDecodedBytesAreCountedWithoutOverflow() {
        ImageInfo huge = new ImageInfo(ImageFormat.TIFF, Integer.MAX_VALUE, Integer.MAX_VALUE, 1, true, 4, 4);
        assertEquals((long) Integer.MAX_VALUE * Integer.MAX_VALUE, huge.pixels());
        ImageInfo rgba16 = new ImageInfo(ImageFormat.PNG, 70_000, 50_000, 1, true, 4, 2);
        assertEquals(70_000L * 50_000 * 8, rgba16.decodedBytes());
    }

    @Test
    void theShortFormIsAnEightBitColourImage() {
        ImageInfo info = new ImageInfo(ImageFormat.JPEG, 4, 5, 1, false);
        assertEquals(3, info.channels());
        assertEquals(1, info.bytesPerSample());
        assertEquals(60, info.decodedBytes());
    }
}
