package io.realskin.texture.engine;

import io.realskin.imaging.ImageProbe;
import io.realskin.imaging.ImageInfo;
import io.realskin.imaging.ImageFormat;
import io.realskin.imaging.ImageRejectedException;
import io.realskin.imaging.ImageLimits;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageProbeTest {

    /** A PNG signature + IHDR claiming the given size, and nothing else. */
    static byte[] pngHeader(int w, int h) {
        ByteBuffer b = ByteBuffer.allocate(33);
        b.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10});
        b.putInt(13).put("IHDR".getBytes(StandardCharsets.US_ASCII)).putInt(w).putInt(h);
        b.put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0).putInt(0);
        return b.array();
    }

    @Test
    void readsJpegAndPngSizeFromHeader() {
        ImageInfo jpeg = ImageProbe.probe(Fixtures.bytes(Fixtures.REAL));
        assertEquals(ImageFormat.JPEG, jpeg.format());
        assertEquals(1000, jpeg.width());
        assertEquals(1000, jpeg.height());
        assertTrue(jpeg.complete());
        ImageInfo png = ImageProbe.probe(Fixtures.encode(new Mat(30, 70, CvType.CV_8UC3, new Scalar(1, 2, 3)), ".png"));
        assertEquals(ImageFormat.PNG, png.format());
        assertEquals(70, png.width());
        assertEquals(30, png.height());
        assertTrue(png.complete());
    }

    @Test
    void readsWebpAndTiffSize() {
        Mat m = new Mat(21, 37, CvType.CV_8UC3, new Scalar(9, 9, 9));
        ImageInfo webp = ImageProbe.probe(Fixtures.encode(m, ".webp"));
        assertEquals(ImageFormat.WEBP, webp.format());
        assertEquals(37, webp.width());
        assertEquals(21, webp.height());
        ImageInfo tiff = ImageProbe.probe(Fixtures.encode(m, ".tif"));
        assertEquals(ImageFormat.TIFF, tiff.format());
        assertEquals(37, tiff.width());
        assertEquals(21, tiff.height());
    }

    @Test
    void pngHeaderClaiming20000x20000IsReadWithoutDecoding() {
        ImageInfo info = ImageProbe.probe(pngHeader(20000, 20000));
        assertEquals(400_000_000L, info.pixels());
        ImageRejectedException e = assertThrows(ImageRejectedException.class,
                () -> ImageLimits.DEFAULT.check(33, info));
        assertEquals(ImageRejectedException.TOO_LARGE, e.code());
    }

    @Test
    void textIsNotAnImage() {
        ImageRejectedException e = assertThrows(ImageRejectedException.class,
                () -> ImageProbe.probe("hello, I am a text file named photo.jpg\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals(ImageRejectedException.BAD_IMAGE, e.code());
    }

    @Test
    void truncatedJpegIsMarkedIncomplete() {
        byte[] full = Fixtures.bytes(Fixtures.REAL);
        ImageInfo info = ImageProbe.probe(Arrays.copyOf(full, full.length / 2));
        assertFalse(info.complete());
        // cut inside the header: no frame header at all
        assertThrows(ImageRejectedException.class, () -> ImageProbe.probe(Arrays.copyOf(full, 40)));
    }

    @Test
    void exifOrientationIsRead() {
        byte[] jpeg = Fixtures.encode(new Mat(10, 20, CvType.CV_8UC3, new Scalar(0, 0, 0)), ".jpg");
        // insert an APP1 Exif segment with orientation 6 right after SOI
        byte[] exif = {(byte) 0xFF, (byte) 0xE1, 0, 34, 'E', 'x', 'i', 'f', 0, 0,
            'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 1, 18, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0};
        byte[] withExif = new byte[jpeg.length + exif.length];
        System.arraycopy(jpeg, 0, withExif, 0, 2);
        System.arraycopy(exif, 0, withExif, 2, exif.length);
        System.arraycopy(jpeg, 2, withExif, 2 + exif.length, jpeg.length - 2);
        ImageInfo info = ImageProbe.probe(withExif);
        assertEquals(6, info.orientation());
        try (DecodedImage img = new SafeImageDecoder(ImageLimits.DEFAULT).decode(withExif)) {
            assertEquals(10, img.width());
            assertEquals(20, img.height());
        }
    }
}
