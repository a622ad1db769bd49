package io.realskin.texture.engine;

import io.realskin.imaging.opencv.ExifOrientation;
import io.realskin.imaging.ProducerPngs;
import io.realskin.imaging.TestImages;
import io.realskin.imaging.TestPngs;
import io.realskin.imaging.StripTiffs;
import io.realskin.imaging.TiledTiffs;
import io.realskin.imaging.ImageRejectedException;
import io.realskin.imaging.ImageLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SafeImageDecoderTest {
    private final SafeImageDecoder decoder = new SafeImageDecoder(ImageLimits.DEFAULT);

    @Test
    void refusesHugeHeaderBeforeDecoding() {
        ImageRejectedException e = assertThrows(ImageRejectedException.class,
                () -> decoder.decode(TestImages.png(20000, 20000)));
        assertEquals(ImageRejectedException.TOO_LARGE, e.code());
    }

    /** A JPEG's scans are walked before it is decoded: a header over the limits is refused before that walk. */
    @Test
    void refusesAJpegHeaderOverTheLimitsBeforeWalkingItsScans() {
        byte[] jpeg = TestImages.oversizedHeaderOverCorruptData(60000, 60000);
        ImageRejectedException e = assertThrows(ImageRejectedException.class, () -> decoder.decode(jpeg));
        assertEquals(ImageRejectedException.TOO_LARGE, e.code(), e.getMessage());
    }

    /** libpng would inflate all 50 MB of zeros that follow the image's 3,630 bytes before it answered. */
    @Test
    void refusesAPngWhoseDataInflatesFarPastTheImageBeforeDecoding() {
        byte[] raw = TestPngs.raw(40, 30, 8, 2, false, 3);
        byte[] bomb = TestPngs.png(TestPngs.ihdr(40, 30, 8, 2, 0), TestPngs.idats(TestPngs.zlib(Arrays.copyOf(raw, 50_000_000)), 8192),
                TestPngs.iend());
        ImageRejectedException e = assertThrows(ImageRejectedException.class, () -> decoder.decode(bomb));
        assertEquals(ImageRejectedException.BAD_IMAGE, e.code());
        assertTrue(e.getMessage().contains("past the 3630 the header announces"), e.getMessage());
    }

    /**
     * libpng inflates every zTXt, iTXt and iCCP chunk up to 8 MB each, about 1,000 of them, and warns at most; they are
     * not handed to it (a 2 MB file of them took 42 s): the image decodes as it does without them.
     */
    @Test
    void aPngsCompressedTextIsNotHandedToTheDecoder() {
        byte[] ihdr = TestPngs.ihdr(40, 30, 8, 2, 0);
        byte[] idat = TestPngs.idats(TestPngs.zlib(TestPngs.raw(40, 30, 8, 2, false, 5)), 8192);
        byte[] text = TestImages.chunk("zTXt", zText());
        byte[] plain = TestPngs.png(ihdr, idat, TestPngs.iend());
        byte[] withText = TestPngs.png(ihdr, text, idat, text, text, TestPngs.iend());
        DecodedImage expected = decoder.decode(plain);
        DecodedImage img = decoder.decode(withText);
        SafeImageDecoderProducerFilesTest.assertSamePixels(expected.pixels(), img.pixels(), "with zTXt chunks");
        assertEquals(-1, indexOf(io.realskin.imaging.ImageProbe.decoderInput(withText, io.realskin.imaging.ImageProbe.probe(withText)),
                "zTXt".getBytes(StandardCharsets.US_ASCII)), "no zTXt handed to libpng");
    }

    private static byte[] zText() {
        byte[] deflated = TestPngs.zlib(new byte[1_000_000]);
        byte[] body = new byte[8 + deflated.length]; // keyword, NUL, compression method 0, the deflated text
        System.arraycopy("prompt".getBytes(StandardCharsets.US_ASCII), 0, body, 0, 6);
        System.arraycopy(deflated, 0, body, 8, deflated.length);
        return body;
    }

    private static int indexOf(byte[] b, byte[] what) {
        outer:
        for (int i = 0; i + what.length <= b.length; i++) {
            for (int j = 0; j < what.length; j++) if (b[i + j] != what[j]) continue outer;
            return i;
        }
        return -1;
    }

    @Test
    void refusesTooManyBytes() {
        SafeImageDecoder small = new SafeImageDecoder(new ImageLimits(50_000_000L, 1000));
        ImageRejectedException e = assertThrows(ImageRejectedException.class, () -> small.decode(Fixtures.bytes(Fixtures.REAL)));
        assertEquals(ImageRejectedException.TOO_LARGE, e.code());
    }

    @Test
    void refusesTruncatedJpegAndText() {
        byte[] full = Fixtures.bytes(Fixtures.REAL);
        ImageRejectedException e = assertThrows(ImageRejectedException.class, () -> decoder.decode(Arrays.copyOf(full, full.length * 2 / 3)));
        assertEquals(ImageRejectedException.BAD_IMAGE, e.code());
        // cut as short but closed with an EOI marker: libjpeg would only warn and decode the rest as gray
        e = assertThrows(ImageRejectedException.class, () -> decoder.decode(TestImages.cutAndClosed(full, 2 / 3.0)));
        assertEquals(ImageRejectedException.BAD_IMAGE, e.code());
        assertEquals("JPEG data is truncated", e.getMessage());
        e = assertThrows(ImageRejectedException.class, () -> decoder.decode("not a jpeg".repeat(10).getBytes(StandardCharsets.UTF_8)));
        assertEquals(ImageRejectedException.BAD_IMAGE, e.code());
    }

    /**
     * A frame header announcing 7000x7000 (under the limits) over a 64x48 image's 1-2 KB of data is truncated, whatever
     * the coding; the walk ends where the data does (until 2026-12-06 it decoded every MCU of the frame over zeros
     * first: 0.4-1.5 s; imaging's JpegDecoderPastTheDataTest counts them).
     */
    @Test
    void refusesAJpegWhoseFrameIsLargerThanItsDataAsTruncated() {
        for (byte[] small : new byte[][] {TestImages.jpeg(64, 48, false, false, 0), TestImages.jpeg(64, 48, true, true, 0),
                TestImages.jpeg(64, 48, false, false, 1), TestImages.jpeg(64, 48, false, true, 3)}) {
            ImageRejectedException e = assertThrows(ImageRejectedException.class,
                    () -> decoder.decode(TestImages.withFrameSize(small, 7000, 7000)));
            assertEquals(ImageRejectedException.BAD_IMAGE, e.code());
            assertEquals("JPEG data is truncated", e.getMessage());
        }
    }

    @Test
    void keepsSixteenBitGrayAndAlpha() {
        Mat g16 = new Mat(8, 9, CvType.CV_16UC1, new Scalar(40000));
        try (DecodedImage img = decoder.decode(Fixtures.encode(g16, ".png"))) {
            assertTrue(img.sixteenBit());
            assertEquals(1, img.pixels().channels());
            assertEquals(CvType.CV_8UC3, img.bgr8().type());
            assertEquals(Math.round(40000 / 257.0), img.bgr8().get(0, 0)[0], 1.0);
        }
        Mat rgba = new Mat(5, 6, CvType.CV_8UC4, new Scalar(10, 20, 30, 77));
        try (DecodedImage img = decoder.decode(Fixtures.encode(rgba, ".png"))) {
            assertEquals(4, img.pixels().channels());
            assertEquals(77, img.pixels().get(2, 2)[3]);
        }
    }

    /**
     * The budget is the decoded size, 3 bytes per pixel of the pixel limit (docs/operations.md): a 20 MP 16-bit RGBA
     * image would decode to 160 MB, so it is refused from its header, before the decoder allocates anything.
     */
    @Test
    void refusesASixteenBitImageOverTheDecodedBudget() {
        java.nio.ByteBuffer ihdr = java.nio.ByteBuffer.allocate(33);
        ihdr.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10});
        ihdr.putInt(13).put("IHDR".getBytes(StandardCharsets.US_ASCII)).putInt(5000).putInt(4000);
        ihdr.put((byte) 16).put((byte) 6).put((byte) 0).put((byte) 0).put((byte) 0).putInt(0);
        byte[] idatAndEnd = {0, 0, 0, 2, 'I', 'D', 'A', 'T', 0x78, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 'I', 'E', 'N', 'D', 0, 0, 0, 0};
        byte[] png = new byte[33 + idatAndEnd.length];
        System.arraycopy(ihdr.array(), 0, png, 0, 33);
        System.arraycopy(idatAndEnd, 0, png, 33, idatAndEnd.length);
        ImageRejectedException e = assertThrows(ImageRejectedException.class, () -> decoder.decode(png));
        assertEquals(ImageRejectedException.TOO_LARGE, e.code());
    }

    @Test
    void decodesOneByOne() {
        try (DecodedImage img = decoder.decode(Fixtures.encode(new Mat(1, 1, CvType.CV_8UC3, new Scalar(1, 2, 3)), ".png"))) {
            assertEquals(1, img.width());
            assertEquals(1, img.height());
        }
    }

    @Test
    void jpegQualityIsEstimatedFromTables() {
        Mat m = Fixtures.decode(Fixtures.bytes(Fixtures.REAL));
        for (int q : new int[] {50, 75, 90}) {
            byte[] jpeg = Fixtures.encode(m, ".jpg", org.opencv.imgcodecs.Imgcodecs.IMWRITE_JPEG_QUALITY, q);
            assertEquals(q, JpegQualityEstimator.estimate(jpeg), 2, "quality " + q);
        }
        assertEquals(JpegQualityEstimator.DEFAULT_QUALITY, JpegQualityEstimator.estimate(new byte[] {1, 2, 3}));
    }

    @Test
    void exifOrientationIsApplied() {
        byte[] jpeg = Fixtures.encode(new Mat(10, 20, CvType.CV_8UC3, new Scalar(0, 0, 0)), ".jpg");
        byte[] withExif = TestImages.withExifOrientation6(jpeg);
        try (DecodedImage img = decoder.decode(withExif)) {
            assertEquals(10, img.width());
            assertEquals(20, img.height());
        }
    }

    /** A PNG's eXIf orientation turns the picture as it does a JPEG's, and as OpenCV's own decoder turns it. */
    @Test
    void aPngsExifOrientationIsApplied() {
        Mat m = new Mat(10, 20, CvType.CV_8UC3, new Scalar(0, 0, 0));
        m.submat(0, 5, 0, 4).setTo(new Scalar(255, 128, 0));
        byte[] png = ProducerPngs.beforeIdat(Fixtures.encode(m, ".png"), ProducerPngs.exifChunk(6));
        Mat shown = Imgcodecs.imdecode(new MatOfByte(png), Imgcodecs.IMREAD_COLOR);
        try (DecodedImage img = decoder.decode(png)) {
            assertEquals(10, img.width());
            assertEquals(20, img.height());
            SafeImageDecoderProducerFilesTest.assertSamePixels(shown, img.pixels(), "the pixels OpenCV shows");
        }
    }

    /**
     * A TIFF's orientation tag turns the picture once, as OpenCV's TIFF decoder (which applies it itself) and viewers
     * show it: until 2026-12-05 the engine turned it a second time (orientation 6 came out upside down and sideways).
     */
    @Test
    void aTiffsOrientationIsAppliedOnce() {
        Mat stored = new Mat(10, 20, CvType.CV_8UC3, new Scalar(0, 0, 0));
        stored.submat(0, 5, 0, 4).setTo(new Scalar(255, 128, 0));
        byte[] tiff = rgbTiff(stored, 6);
        Mat shown = Imgcodecs.imdecode(new MatOfByte(tiff), Imgcodecs.IMREAD_COLOR);
        assertEquals(10, shown.cols(), "OpenCV shows it turned");
        try (DecodedImage img = decoder.decode(tiff)) {
            assertEquals(10, img.width());
            assertEquals(20, img.height());
            SafeImageDecoderProducerFilesTest.assertSamePixels(shown, img.pixels(), "the pixels OpenCV shows");
        }
    }

    /**
     * A tiled 8-bit TIFF is shown as its orientation tag says, whatever the tag: OpenCV 4.9 reads such tiles through
     * libtiff's RGBA interface, which turns each tile within itself, and with a mirroring tag (2, 3, 6, 7) put the tiles'
     * contents mirrored in place (found on ImageMagick's 128x128-tiled TIFFs).
     */
    @Test
    void aTiledTiffIsShownAsItsOrientationTagSays() {
        Mat stored = new Mat(24, 40, CvType.CV_8UC3);
        byte[] px = new byte[24 * 40 * 3];
        for (int i = 0; i < px.length; i++) px[i] = (byte) (i * 37 % 251); // no symmetry a mirrored tile could keep
        stored.put(0, 0, px);
        for (int orientation = 1; orientation <= 8; orientation++) {
            Mat expected = ExifOrientation.upright(stored, orientation);
            try (DecodedImage img = decoder.decode(tiledTiff(stored, orientation, 16))) {
                assertEquals(expected.cols() + "x" + expected.rows(), img.width() + "x" + img.height(), "orientation " + orientation);
                SafeImageDecoderProducerFilesTest.assertSamePixels(expected, img.pixels(), "orientation " + orientation);
            }
        }
    }

    /**
     * A TIFF of gray and alpha (two samples a pixel, as PIL writes mode LA and ImageMagick a gray image with alpha)
     * keeps its alpha and depth, the gray as R = G = B, as a gray PNG with alpha decodes, and is turned by its
     * orientation tag: until 2026-12-07 OpenCV 4.9's decoder gave its gray alone (8 bits even from 16), so every result
     * lost the alpha, and the receipt, made from the decode, said "gray8", identical.
     */
    @ParameterizedTest(name = "{0}-bit, orientation {1}")
    @CsvSource({"8, 1", "16, 1", "8, 6", "16, 3"})
    void aGrayTiffWithAlphaKeepsItsAlpha(int bits, int orientation) {
        int w = 7, h = 5, max = bits == 8 ? 255 : 65535;
        int[] samples = new int[w * h * 2];
        Mat stored = new Mat(h, w, bits == 8 ? CvType.CV_8UC4 : CvType.CV_16UC4);
        for (int y = 0, i = 0; y < h; y++) {
            for (int x = 0; x < w; x++, i += 2) {
                int gray = (x * 37 + y * 11) * max / 300, alpha = (y * w + x) * max / (w * h);
                samples[i] = gray;
                samples[i + 1] = alpha;
                stored.put(y, x, gray, gray, gray, alpha);
            }
        }
        Mat expected = ExifOrientation.upright(stored, orientation);
        try (DecodedImage img = decoder.decode(StripTiffs.of(w, h, 2, bits, StripTiffs.GRAY, orientation, StripTiffs.UNSIGNED, samples))) {
            SafeImageDecoderProducerFilesTest.assertSamePixels(expected, img.pixels(), bits + "-bit gray and alpha");
        }
    }

    /** Signed samples are refused by name: until 2026-12-07 they were decoded as stored and clipped to 8 bits, garbage. */
    @Test
    void aTiffOfSignedSamplesIsRefused() {
        int[] samples = new int[4 * 3 * 3];
        for (int i = 0; i < samples.length; i++) samples[i] = i * 1500 - 20000;
        byte[] tiff = StripTiffs.of(4, 3, 3, 16, StripTiffs.RGB, 1, StripTiffs.SIGNED, samples);
        ImageRejectedException e = assertThrows(ImageRejectedException.class, () -> decoder.decode(tiff));
        assertEquals(ImageRejectedException.BAD_IMAGE, e.code());
        assertTrue(e.getMessage().contains("signed-integer samples"), e.getMessage());
    }

    /** An uncompressed 8-bit RGB TIFF of {@code bgr} in square tiles, with an orientation tag (imaging's {@link TiledTiffs}). */
    static byte[] tiledTiff(Mat bgr, int orientation, int tile) {
        Mat rgb = new Mat();
        Imgproc.cvtColor(bgr, rgb, Imgproc.COLOR_BGR2RGB);
        byte[] samples = new byte[(int) rgb.total() * 3];
        rgb.get(0, 0, samples);
        rgb.release();
        return TiledTiffs.of(bgr.cols(), bgr.rows(), 3, samples, orientation, tile);
    }

    /** An uncompressed 8-bit RGB TIFF of one strip, little-endian, with an orientation tag (274). */
    static byte[] rgbTiff(Mat bgr, int orientation) {
        int w = bgr.cols();
        int h = bgr.rows();
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(140 + w * h * 3).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {'I', 'I', 42, 0}).putInt(8).putShort((short) 10);
        int[][] entries = {{256, 3, 1, w}, {257, 3, 1, h}, {258, 3, 3, 134}, {259, 3, 1, 1}, {262, 3, 1, 2},
            {273, 4, 1, 140}, {274, 3, 1, orientation}, {277, 3, 1, 3}, {278, 3, 1, h}, {279, 4, 1, w * h * 3}};
        for (int[] e : entries) {
            b.putShort((short) e[0]).putShort((short) e[1]).putInt(e[2]);
            if (e[1] == 3 && e[2] == 1) b.putShort((short) e[3]).putShort((short) 0);
            else b.putInt(e[3]);
        }
        b.putInt(0).putShort((short) 8).putShort((short) 8).putShort((short) 8);
        byte[] pixel = new byte[3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                bgr.get(y, x, pixel);
                b.put(pixel[2]).put(pixel[1]).put(pixel[0]);
            }
        }
        return b.array();
    }

    @Test
    void decodesWebpAndTiffFromARealEncoder() {
        Mat m = new Mat(21, 37, CvType.CV_8UC3, new Scalar(9, 9, 9));
        for (String ext : new String[] {".webp", ".tif"}) {
            try (DecodedImage img = decoder.decode(Fixtures.encode(m, ext))) {
                assertEquals(37, img.width(), ext);
                assertEquals(21, img.height(), ext);
            }
        }
    }
}
