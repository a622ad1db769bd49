package io.realskin.gateway.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ThumbnailWidthsTest {
    private static final String SOURCE = "images/t1/9f86d081";

    @Test
    void theFirstRenditionKeepsTheKeysStoredBeforeRenditionsWereCounted() {
        assertEquals("thumbnails/images/t1/9f86d081/320", ThumbnailWidths.key(SOURCE, 320, 1));
        assertEquals(List.of("thumbnails/images/t1/9f86d081/160", "thumbnails/images/t1/9f86d081/320",
                "thumbnails/images/t1/9f86d081/640"), ThumbnailWidths.keys(SOURCE, 1));
    }

    @Test
    void aLaterRenditionHasKeysOfItsOwnAndDeletionStillFindsTheEarlierOnes() {
        assertEquals("thumbnails/images/t1/9f86d081/320-r2", ThumbnailWidths.key(SOURCE, 320, 2));
        List<String> keys = ThumbnailWidths.keys(SOURCE, 2);
        assertEquals(6, keys.size());
        assertEquals(List.of("thumbnails/images/t1/9f86d081/160", "thumbnails/images/t1/9f86d081/320",
                "thumbnails/images/t1/9f86d081/640", "thumbnails/images/t1/9f86d081/160-r2",
                "thumbnails/images/t1/9f86d081/320-r2", "thumbnails/images/t1/9f86d081/640-r2"), keys);
    }

    @Test
    void theTagNamesTheBytesTheWidthAndTheRendition() {
        assertEquals("\"9f86d081-320-r" + ThumbnailWidths.RENDITION + "\"", ThumbnailWidths.etag("9f86d081", 320));
        assertNotEquals(ThumbnailWidths.etag("9f86d081", 160), ThumbnailWidths.etag("9f86d081", 320));
        assertEquals(ThumbnailWidths.key(SOURCE, 640, ThumbnailWidths.RENDITION), ThumbnailWidths.key(SOURCE, 640));
    }
}
