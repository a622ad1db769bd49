package io.realskin.texture.engine;

import io.realskin.imaging.opencv.ExifOrientation;
import static io.realskin.imaging.ProducerFiles.concat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realskin.imaging.ImageLimits;
import io.realskin.imaging.ImageRejectedException;
import io.realskin.imaging.ProducerFiles;
import io.realskin.imaging.ProducerPngs;
import io.realskin.imaging.ProducerWebps;
import io.realskin.imaging.TestImages;
import io.realskin.imaging.TestPngs;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * The engine's decode of files as cameras, phones and generators write them ({@link ProducerFiles}): the image they
 * carry, upright, the same pixels as without the metadata around it or the data after it; what OpenCV does not read
 * refused by name before it is asked to.
 */
class SafeImageDecoderProducerFilesTest {
    private final SafeImageDecoder decoder = new SafeImageDecoder(ImageLimits.DEFAULT);

    @Test
    void aPhoneJpegDecodesUprightWithEveryExifOrientationWhateverSurroundsIt() {
        byte[] photo = TestImages.jpeg(64, 48, false, false, 0);
        Mat plain = pixels(photo);
        byte[] thumbnail = TestImages.jpeg(160, 120, false, false, 0);
        byte[] gainMap = TestImages.jpeg(32, 24, true, false, 0);
        for (int orientation = 1; orientation <= 8; orientation++) {
            byte[] metadata = concat(ProducerFiles.exif(orientation, orientation % 2 == 0, thumbnail),
                    ProducerFiles.xmp("xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" xmp:CreatorTool=\"iPhone 15\""),
                    ProducerFiles.iccSegments(200_000), ProducerFiles.c2paApp11(70_000));
            byte[] file = concat(ProducerFiles.withMpf(TestImages.insertAfterSoi(photo, metadata), gainMap),
                    ProducerFiles.seftTrailer());
            Mat upright = ExifOrientation.upright(plain, orientation);
            try (DecodedImage img = decoder.decode(file)) {
                assertEquals(orientation >= 5 ? 48 : 64, img.width(), "orientation " + orientation);
                assertSamePixels(upright, img.pixels(), "orientation " + orientation);
            }
        }
    }

    /** A Pixel motion photo: 3 MB of MP4 after the EOI, the picture decoded as it is without it. */
    @Test
    void aMotionPhotoDecodesToItsPicture() {
        byte[] photo = TestImages.jpeg(320, 240, false, true, 0);
        byte[] video = ProducerFiles.motionPhotoMp4(3_000_000);
        byte[] file = concat(TestImages.insertAfterSoi(photo, ProducerFiles.xmp(ProducerFiles.motionPhotoXmp(video.length))), video);
        try (DecodedImage img = decoder.decode(file)) {
            assertSamePixels(pixels(photo), img.pixels(), "motion photo");
        }
    }

    @Test
    void cameraSamplingsGrayCmykAndYcckDecode() {
        for (int[] hv : new int[][] {{2, 1}, {1, 2}}) {
            byte[] jpeg = ProducerFiles.jpegSampled(120, 80, hv[0], hv[1]);
            try (DecodedImage img = decoder.decode(jpeg)) {
                assertEquals(3, img.pixels().channels());
                assertSamePixels(pixels(jpeg), img.pixels(), hv[0] + "x" + hv[1]);
            }
        }
        try (DecodedImage gray = decoder.decode(TestImages.jpeg(64, 48, true, false, 5))) {
            assertEquals(1, gray.pixels().channels());
        }
        for (int transform : new int[] {0, 2}) {
            try (DecodedImage img = decoder.decode(ProducerFiles.jpegFourComponents(120, 80, transform))) {
                assertEquals(120, img.width());
                assertEquals(3, img.pixels().channels(), "CMYK/YCCK decoded to BGR");
            }
        }
    }

    /**
     * A CMYK or YCCK JPEG as Photoshop writes one (Adobe APP14, samples inverted: 255 is no ink) decodes to the colour
     * its inks mean without a profile, R = (255 - C ink) x (255 - K ink) / 255 and so on, as browsers without colour
     * management show it: a skin tone of 10 % cyan, 40 % magenta, 50 % yellow stays one (docs/texture-engine.md,
     * "Known limits": the file's CMYK profile is not applied).
     */
    @Test
    void adobeCmykAndYcckDecodeToTheColourTheirInksMeanWithoutAProfile() {
        int[][] inks = {{10, 40, 50, 0}, {0, 100, 100, 0}, {10, 40, 50, 30}}; // percent: skin, red, darker skin
        for (int[] ink : inks) {
            int[] stored = new int[4];
            for (int i = 0; i < 4; i++) stored[i] = 255 - Math.round(ink[i] * 2.55f);
            double[] rgb = new double[3];
            for (int i = 0; i < 3; i++) rgb[i] = stored[i] * stored[3] / 255.0;
            for (int transform : new int[] {0, 2}) {
                try (DecodedImage img = decoder.decode(ProducerFiles.jpegFourComponents(32, 32, transform, stored))) {
                    double[] bgr = Core.mean(img.bgr8()).val;
                    String name = java.util.Arrays.toString(ink) + " transform " + transform;
                    for (int i = 0; i < 3; i++) {
                        assertEquals(rgb[i], bgr[2 - i], 4, name + ": channel " + "RGB".charAt(i) + " " + java.util.Arrays.toString(bgr));
                    }
                }
            }
        }
    }

    /** OpenCV returns nothing for these (12-bit, lossless) or decodes what cannot be checked (arithmetic). */
    @Test
    void codingsOpenCvDoesNotReadAreRefusedByNameBeforeDecoding() {
        byte[] photo = TestImages.jpeg(64, 48, false, false, 0);
        assertRefused(ProducerFiles.withFrame(photo, 0xC1, 12), "12-bit");
        assertRefused(ProducerFiles.withFrame(photo, 0xC9, 8), "arithmetic-coded");
        assertRefused(ProducerFiles.withFrame(photo, 0xC3, 8), "lossless");
        assertRefused(ProducerFiles.isoBmff("heic"), "HEIC");
        assertRefused(ProducerFiles.gif(), "GIF");
    }

    /** ComfyUI's workflow, C2PA, eXIf and iCCP before the image data: the pixels of the PNG without them. */
    @Test
    void generatorPngsDecodeToTheirPixels() {
        for (int[] kind : new int[][] {{8, 2, 3}, {16, 2, 3}, {8, 4, 4}, {16, 6, 4}, {8, 6, 4}}) {
            for (boolean adam7 : new boolean[] {false, true}) {
                byte[] png = TestPngs.image(50, 40, kind[0], kind[1], adam7);
                byte[] file = ProducerPngs.beforeIdat(png, ProducerPngs.text("prompt", ProducerPngs.comfyWorkflow(300_000)),
                        ProducerPngs.itxt("workflow", ProducerPngs.comfyWorkflow(300_000)), ProducerPngs.cabx(100_000),
                        ProducerPngs.exifChunk(1), ProducerPngs.iccp(3_000));
                try (DecodedImage img = decoder.decode(file)) {
                    String what = kind[0] + "-bit type " + kind[1] + (adam7 ? " Adam7" : "");
                    assertEquals(kind[2], img.pixels().channels(), what);
                    assertEquals(kind[0] == 16, img.sixteenBit(), what);
                    assertSamePixels(pixels(png), img.pixels(), what);
                }
            }
        }
    }

    @Test
    void aPalettePngWithTransparencyDecodesWithAlpha() {
        byte[] png = ProducerPngs.beforeIdat(TestPngs.image(30, 20, 8, 3, true), TestImages.chunk("tRNS", new byte[] {0, 64, (byte) 128}));
        try (DecodedImage img = decoder.decode(png)) {
            assertEquals(4, img.pixels().channels());
        }
    }

    /** Lossy (VP8), lossless (VP8L), and extended with ICCP, EXIF and XMP as webpmux writes them. */
    @Test
    void webpSimpleAndExtendedDecodeAndAnimatedIsRefused() {
        Mat picture = Fixtures.landscape(50, 40);
        byte[] app1 = ProducerFiles.exif(1, true, new byte[0]);
        byte[] exifTiff = java.util.Arrays.copyOfRange(app1, 10, app1.length);
        for (int quality : new int[] {90, 101}) {
            byte[] simple = Fixtures.encode(picture, ".webp", Imgcodecs.IMWRITE_WEBP_QUALITY, quality);
            Mat expected = pixels(simple);
            byte[] extended = ProducerWebps.webpExtended(simple, 50, 40, ProducerFiles.iccProfile(3_000), exifTiff,
                    ProducerFiles.ascii("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"/>"));
            for (byte[] file : new byte[][] {simple, extended}) {
                try (DecodedImage img = decoder.decode(file)) {
                    assertSamePixels(expected, img.pixels(), "quality " + quality);
                }
            }
            assertRefused(ProducerWebps.webpAnimated(simple, 50, 40, 3), "animated WebP");
        }
    }

    private void assertRefused(byte[] file, String named) {
        ImageRejectedException e = assertThrows(ImageRejectedException.class, () -> decoder.decode(file));
        assertEquals(ImageRejectedException.BAD_IMAGE, e.code());
        assertTrue(e.getMessage().contains(named), e.getMessage());
    }

    private static Mat pixels(byte[] file) {
        return Fixtures.decode(file);
    }

    static void assertSamePixels(Mat expected, Mat actual, String what) {
        assertEquals(expected.size(), actual.size(), what);
        assertEquals(expected.type(), actual.type(), what);
        Mat diff = new Mat();
        Core.absdiff(expected, actual, diff);
        Mat flat = diff.reshape(1);
        assertEquals(0, Core.countNonZero(flat), what + ": every sample equal");
        diff.release();
    }
}
