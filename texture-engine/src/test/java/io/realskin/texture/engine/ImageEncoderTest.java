package io.realskin.texture.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realskin.imaging.ImageFormat;
import io.realskin.imaging.ImageRejectedException;
import io.realskin.imaging.TestPngs;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;

/**
 * A PNG within the pixel limit can be wider than a JPEG (65,500 px a side) or a WebP (16,383) can hold: asked for in
 * that format, the result is refused as too large with the reason, before the work, not failed by OpenCV's encoder.
 */
class ImageEncoderTest {
    static {
        OpenCvLoader.load();
    }

    @Test
    void aSideOverTheFormatsMaximumIsTooLargeNotAnEncoderError() {
        Mat wide = new Mat(2, ImageEncoder.JPEG_MAX_SIDE + 1, CvType.CV_8UC3, new Scalar(90, 120, 160));
        try {
            ImageRejectedException e = assertThrows(ImageRejectedException.class, () -> ImageEncoder.encode(wide, ImageFormat.JPEG, 90, 1));
            assertEquals(ImageRejectedException.TOO_LARGE, e.code());
            assertTrue(e.getMessage().contains("65500"), e.getMessage());
            e = assertThrows(ImageRejectedException.class, () -> ImageEncoder.encode(wide, ImageFormat.WEBP, 90, 1));
            assertEquals(ImageRejectedException.TOO_LARGE, e.code());
            assertTrue(ImageEncoder.encode(wide, ImageFormat.PNG, 90, 1).length > 0, "a PNG holds it");
        } finally {
            wide.release();
        }
    }

    @Test
    void aRestoreOfAWidePngAskedForAsJpegIsTooLarge() {
        byte[] png = TestPngs.image(ImageEncoder.JPEG_MAX_SIDE + 10, 2, 8, 2, false);
        TextureEngine engine = new TextureEngine();
        ImageRejectedException e = assertThrows(ImageRejectedException.class,
                () -> engine.restore(png, RestoreOptions.defaults().withOutputFormat(ImageFormat.JPEG)));
        assertEquals(ImageRejectedException.TOO_LARGE, e.code());
        e = assertThrows(ImageRejectedException.class, () -> engine.sourceRestore(png,
                SourceRestoreOptions.defaults().withUpscale(1).withOutputFormat(ImageFormat.JPEG)));
        assertEquals(ImageRejectedException.TOO_LARGE, e.code());
    }
}
