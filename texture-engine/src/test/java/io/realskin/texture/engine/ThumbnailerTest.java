package io.realskin.texture.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.realskin.imaging.ImageFormat;
import io.realskin.imaging.ImageInfo;
import org.junit.jupiter.api.Test;

class ThumbnailerTest {
    @Test
    void aJpegIsDecodedAtTheSmallestReductionThatStillCoversTheThumbnail() {
        ImageInfo jpeg = new ImageInfo(ImageFormat.JPEG, 4000, 3000, 1, true);
        assertEquals(8, Thumbnailer.reduction(jpeg, 4000, 320), "4000 / 8 = 500 >= 320");
        assertEquals(4, Thumbnailer.reduction(jpeg, 2000, 320), "2000 / 8 = 250 < 320, 2000 / 4 = 500");
        assertEquals(2, Thumbnailer.reduction(jpeg, 1000, 320));
        assertEquals(1, Thumbnailer.reduction(jpeg, 500, 320), "500 / 2 = 250 < 320: decoded whole");
        assertEquals(1, Thumbnailer.reduction(jpeg, 100, 100), "never below the thumbnail's own width");
    }

    @Test
    void otherFormatsAreDecodedWhole() {
        assertEquals(1, Thumbnailer.reduction(new ImageInfo(ImageFormat.PNG, 4000, 3000, 1, true), 4000, 320));
    }
}
