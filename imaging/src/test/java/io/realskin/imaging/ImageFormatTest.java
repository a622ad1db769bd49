package io.realskin.imaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageFormatTest {
    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "portrait.jpg,           JPEG",
        "portrait.JPEG,          JPEG",
        "out/Portrait.Jpg,       JPEG",
        "scan.png,               PNG",
        "a.b.webp,               WEBP",
        "page.tif,               TIFF",
        "page.TIFF,              TIFF",
        "old.bmp,                BMP",
    })
    void theExtensionNamesTheFormatInAnyCase(String name, ImageFormat format) {
        assertEquals(format, ImageFormat.fromFileName(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"portrait", "portrait.gif", "portrait.jpg.txt", "jpg", "portrait.jp", "portrait.pngx", ""})
    void aNameWithoutAKnownExtensionSaysNothing(String name) {
        assertNull(ImageFormat.fromFileName(name));
    }

    @ParameterizedTest(name = "{0}: {1}, {2}")
    @CsvSource({
        "JPEG, image/jpeg, .jpg",
        "PNG,  image/png,  .png",
        "WEBP, image/webp, .webp",
        "TIFF, image/tiff, .tif",
        "BMP,  image/bmp,  .bmp",
    })
    void eachFormatHasItsMediaTypeAndTheExtensionOpenCvWants(ImageFormat format, String contentType, String extension) {
        assertEquals(contentType, format.contentType());
        assertEquals(extension, format.extension());
        assertEquals(format, ImageFormat.fromFileName("x" + extension), "the extension written is one read back");
    }
}
