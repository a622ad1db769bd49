package io.realskin.texture.engine;

import io.realskin.imaging.ImageFormat;
import io.realskin.imaging.ImageLimits;
import io.realskin.imaging.ImageRejectedException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import io.realskin.texture.jpeg.JpegReader;
import io.realskin.texture.jpeg.QuantizationConstraint;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SourceRestoreTest {
    static TextureEngine engine;
    static byte[] damaged;
    static Mat original;

    @BeforeAll
    static void load() {
        engine = new TextureEngine();
        original = new Mat();
        Imgproc.resize(Fixtures.decode(Fixtures.bytes(Fixtures.REAL)), original, new Size(500, 500), 0, 0, Imgproc.INTER_AREA);
        damaged = Fixtures.encode(original, ".jpg", Imgcodecs.IMWRITE_JPEG_QUALITY, 25);
    }

    @Test
    void aBlockyJpegComesBackTwiceTheSizeWithWeakerBlockEdges() {
        SourceRestoreResult r = engine.sourceRestore(damaged, SourceRestoreOptions.defaults().withOutputFormat(ImageFormat.PNG));
        assertEquals(1000, r.width());
        assertEquals(1000, r.height());
        assertTrue(r.deblocked());
        Mat same = Fixtures.decode(engine.sourceRestore(damaged, SourceRestoreOptions.defaults().withUpscale(1)
                .withOutputFormat(ImageFormat.PNG)).bytes());
        Mat plain = Fixtures.decode(damaged);
        double before = blockEdgeRatio(plain), after = blockEdgeRatio(same);
        assertTrue(before > 1.3, "the q25 input is blocky: " + before);
        assertTrue(after - 1 < (before - 1) / 2, "at least half the blocking removed: " + before + " -> " + after);
        assertTrue(Core.PSNR(original, same) > Core.PSNR(original, plain) + 0.3,
                "closer to the image before JPEG than the plain decode: " + Core.PSNR(original, plain) + " -> " + Core.PSNR(original, same));
    }

    @Test
    void upscaleOneWithDenoiseOffIsTheInputAndTooLargeResultsAreRefused() {
        SourceRestoreResult r = engine.sourceRestore(damaged, SourceRestoreOptions.defaults().withUpscale(1).withDenoise(false));
        assertArrayEquals(damaged, r.bytes());
        assertFalse(r.deblocked());
        TextureEngine tight = new TextureEngine(new ImageLimits(800_000, 30L << 20));
        var e = assertThrows(ImageRejectedException.class, () -> tight.sourceRestore(damaged, SourceRestoreOptions.defaults()));
        assertEquals("too_large", e.code());
        assertThrows(IllegalArgumentException.class, () -> SourceRestoreOptions.defaults().withUpscale(3));
    }

    /** The 2x upscale reserves its heap before it starts and gives it back; a refusal is the job's too_large. */
    @Test
    void aTwoTimesUpscaleReservesItsHeapFirstAndIsRefusedWhenItCannotHaveIt() {
        java.util.List<Long> reserved = new java.util.ArrayList<>();
        int[] open = {0};
        HeapReservation counting = (bytes, what) -> {
            reserved.add(bytes);
            open[0]++;
            return () -> open[0]--;
        };
        engine.sourceRestore(damaged, SourceRestoreOptions.defaults().withHeap(counting));
        assertEquals(java.util.List.of(SourceRestorer.upscaleHeapBytes(500, 500)), reserved);
        assertEquals(0, open[0], "given back");
        engine.sourceRestore(damaged, SourceRestoreOptions.defaults().withUpscale(1).withHeap(counting));
        assertEquals(1, reserved.size(), "upscale 1 reserves nothing");

        HeapReservation none = (bytes, what) -> {
            throw HeapReservation.tooLarge(what, bytes, 1 << 20, "the test's budget");
        };
        var e = assertThrows(ImageRejectedException.class, () -> engine.sourceRestore(damaged, SourceRestoreOptions.defaults().withHeap(none)));
        assertEquals("too_large", e.code());
        assertEquals("a 2x source-restore of 500x500 needs about 27 MB of heap, more than the test's budget allows (1 MB); "
                + "ask for upscale 1 or send a smaller image", e.getMessage());
    }

    /** The deblock's steps run on the threads given; the result does not depend on how many. */
    @Test
    void theResultIsTheSameOnOneThreadAndOnSeveral() {
        SourceRestoreOptions png = SourceRestoreOptions.defaults().withOutputFormat(ImageFormat.PNG);
        byte[] one = engine.sourceRestore(damaged, png.withThreads(1)).bytes();
        assertArrayEquals(one, engine.sourceRestore(damaged, png.withThreads(3)).bytes());
        assertArrayEquals(one, engine.sourceRestore(damaged, png.withThreads(0)).bytes());
        assertThrows(IllegalArgumentException.class, () -> png.withThreads(-1));
    }

    /** Images without an inner pixel have no noise to measure: they are restored, not refused as an internal error. */
    @Test
    void imagesUnderThreePixelsOnASideAreRestored() {
        for (int[] size : new int[][]{{1, 1}, {2, 9}, {17, 2}, {3, 3}}) {
            Mat img = new Mat(size[1], size[0], CvType.CV_8UC3, new Scalar(70, 128, 192));
            for (String ext : new String[]{".png", ".jpg"}) {
                byte[] in = ext.equals(".jpg") ? Fixtures.encode(img, ext, Imgcodecs.IMWRITE_JPEG_QUALITY, 20) : Fixtures.encode(img, ext);
                SourceRestoreResult r = engine.sourceRestore(in, SourceRestoreOptions.defaults().withOutputFormat(ImageFormat.PNG));
                assertEquals(2 * size[0], r.width(), size[0] + "x" + size[1] + ext);
                assertEquals(2 * size[1], r.height(), size[0] + "x" + size[1] + ext);
                assertEquals(0, r.noiseSigma(), size[0] + "x" + size[1] + ext);
            }
        }
    }

    /**
     * A cut-out (a PNG or WebP whose background is transparent) keeps its transparency: the colour under a fully
     * transparent pixel is whatever the producer left there (here a bright red), which the result must not show.
     * Until 2026-12-08 the result was the 8-bit BGR working copy alone, so the background came back opaque.
     */
    @Test
    void aCutOutKeepsItsTransparency() {
        Mat bgr = Fixtures.landscape(64, 48);
        Mat bgra = new Mat();
        Imgproc.cvtColor(bgr, bgra, Imgproc.COLOR_BGR2BGRA);
        Mat hidden = bgra.colRange(0, 24);
        hidden.setTo(new Scalar(0, 0, 255, 0)); // transparent, red underneath
        bgra.colRange(24, 28).setTo(new Scalar(40, 90, 140, 128)); // a half-transparent band
        Mat gray16 = new Mat();
        bgra.convertTo(gray16, CvType.CV_16UC4, 257); // 16-bit: the result is 8-bit, its alpha too
        for (Object[] c : new Object[][]{{bgra, ".png", 2}, {bgra, ".png", 1}, {bgra, ".webp", 2}, {gray16, ".png", 2}}) {
            byte[] in = c[1].equals(".webp") ? Fixtures.encode((Mat) c[0], ".webp", Imgcodecs.IMWRITE_WEBP_QUALITY, 101)
                    : Fixtures.encode((Mat) c[0], (String) c[1]);
            int up = (Integer) c[2];
            String what = c[1] + " " + CvType.typeToString(((Mat) c[0]).type()) + " x" + up;
            SourceRestoreResult r = engine.sourceRestore(in, SourceRestoreOptions.defaults().withUpscale(up));
            Mat out = Fixtures.decode(r.bytes());
            assertEquals(4, out.channels(), what);
            assertEquals(64 * up, out.cols(), what);
            java.util.List<Mat> planes = new java.util.ArrayList<>();
            org.opencv.core.Core.split(out, planes);
            Mat alpha = planes.get(3);
            if (CvType.depth(alpha.type()) != CvType.CV_8U) alpha.convertTo(alpha, CvType.CV_8U, 1.0 / 257);
            assertEquals(0, Core.countNonZero(alpha.colRange(0, 22 * up)), what + ": the background stays transparent");
            Mat opaque = new Mat();
            Core.compare(alpha.colRange(30 * up, 64 * up), new Scalar(255), opaque, Core.CMP_NE);
            assertEquals(0, Core.countNonZero(opaque), what + ": the picture stays opaque");
            double band = Core.mean(alpha.colRange(25 * up, 27 * up)).val[0];
            assertTrue(Math.abs(band - 128) < 3, what + ": half-transparent stays so: " + band);
        }
    }

    /**
     * A gray photo comes back gray, with its gray profile: the profile says what its levels mean (Photoshop tags a
     * black-and-white file with its gray working space, Dot Gain 20 % by default), and a colour result cannot carry a
     * gray profile, so until 2026-12-08 the result was colour, untagged, its tones read as sRGB.
     */
    @Test
    void aGrayPhotoComesBackGrayWithItsProfile() {
        byte[] gray = java.awt.color.ICC_Profile.getInstance(java.awt.color.ColorSpace.CS_GRAY).getData();
        Mat g = new Mat();
        Imgproc.cvtColor(original, g, Imgproc.COLOR_BGR2GRAY);
        Mat small = new Mat();
        Imgproc.resize(g, small, new Size(120, 120), 0, 0, Imgproc.INTER_AREA);
        for (String ext : new String[]{".jpg", ".png"}) {
            ImageFormat format = ext.equals(".jpg") ? ImageFormat.JPEG : ImageFormat.PNG;
            byte[] in = io.realskin.imaging.ResultFiles.embed(ext.equals(".jpg")
                            ? Fixtures.encode(small, ext, Imgcodecs.IMWRITE_JPEG_QUALITY, 30) : Fixtures.encode(small, ext),
                    format, io.realskin.imaging.CarriedMetadata.iccOnly(gray), 1);
            assertArrayEquals(gray, io.realskin.imaging.IccProfile.of(in), ext + ": the input carries it");
            for (int up : new int[]{1, 2}) {
                SourceRestoreResult r = engine.sourceRestore(in, SourceRestoreOptions.defaults().withUpscale(up));
                if (up == 1 && ext.equals(".png")) assertArrayEquals(in, r.bytes(), "nothing to do: the input");
                assertEquals(1, Fixtures.decode(r.bytes()).channels(), ext + " x" + up + ": gray");
                assertArrayEquals(gray, io.realskin.imaging.IccProfile.of(r.bytes()), ext + " x" + up + ": its profile");
            }
        }
        // gray and alpha (PNG colour type 4), which OpenCV decodes as BGRA: gray and alpha again, with the profile
        Mat alpha = new Mat(small.size(), CvType.CV_8U, new Scalar(255));
        alpha.rowRange(0, 10).setTo(new Scalar(0));
        Mat grayAlpha = new Mat();
        Core.merge(java.util.List.of(small, alpha), grayAlpha);
        byte[] in = io.realskin.imaging.ResultFiles.embed(PngEncoder.encode(grayAlpha, 1), ImageFormat.PNG,
                io.realskin.imaging.CarriedMetadata.iccOnly(gray), 2);
        SourceRestoreResult r = engine.sourceRestore(in, SourceRestoreOptions.defaults());
        assertEquals(4, r.bytes()[25], "gray and alpha: PNG colour type 4");
        assertArrayEquals(gray, io.realskin.imaging.IccProfile.of(r.bytes()), "gray and alpha: its profile");
        Mat out = Fixtures.decode(r.bytes());
        assertEquals(0, out.get(5, 5)[3]);
        assertEquals(255, out.get(100, 100)[3]);
    }

    /**
     * A sharp vertical edge inside a block of a gray q25 JPEG: the deblock's shifted-block thresholding weights each
     * grid's block by its sparsity, so the grids whose block lies on one side of the edge (flat, one coefficient)
     * outweigh those whose block straddles it (ringing, many coefficients): within 7 px of the edge the smoothed
     * plane is closer to the clean image than the plain decode (measured 2.51 / 2.21 / 2.21 levels against 2.70 /
     * 2.49 / 2.49; an unweighted average smears the edge instead: 2.95 / 3.09 / 3.09; all 64 grids would give 1.88 /
     * 1.76 / 1.76).
     */
    @Test
    void theDeblockKeepsASharpEdgeCloserThanThePlainDecode() {
        for (int edge : new int[]{29, 27, 35}) {
            Mat img = new Mat(64, 64, CvType.CV_8UC1, new Scalar(60));
            Imgproc.rectangle(img, new Point(edge, 0), new Point(63, 63), new Scalar(190), -1);
            byte[] jpeg = Fixtures.encode(img, ".jpg", Imgcodecs.IMWRITE_JPEG_QUALITY, 25);
            QuantizationConstraint q = new QuantizationConstraint(JpegReader.read(jpeg), 0);
            float[] plain = q.decode(), smoothed = q.decode();
            q.smoothShifted(smoothed, SourceRestorer.DEBLOCK_THRESHOLD, 1);
            double errPlain = 0, errSmoothed = 0;
            for (int y = 8; y < 56; y++) {
                for (int x = edge - 7; x < edge + 7; x++) {
                    if (x == edge || x == edge - 1) continue; // the edge's own two columns
                    float truth = x >= edge ? 190 : 60;
                    errPlain += Math.abs(plain[y * q.width() + x] - truth);
                    errSmoothed += Math.abs(smoothed[y * q.width() + x] - truth);
                }
            }
            assertTrue(errSmoothed < errPlain, "edge at " + edge + ": smoothed " + errSmoothed + ", plain " + errPlain);
        }
    }

    /**
     * Mean absolute luma step across 8x8 block boundaries over the mean step inside blocks: about 1 for a natural
     * image, well above 1 for a blocky JPEG.
     */
    static double blockEdgeRatio(Mat bgr) {
        Mat g = new Mat();
        Imgproc.cvtColor(bgr, g, Imgproc.COLOR_BGR2GRAY);
        byte[] p = new byte[(int) g.total()];
        g.get(0, 0, p);
        int w = g.cols();
        double edge = 0, inner = 0;
        long ne = 0, ni = 0;
        for (int y = 0; y < g.rows(); y++) {
            for (int x = 1; x < w; x++) {
                double d = Math.abs((p[y * w + x] & 0xFF) - (p[y * w + x - 1] & 0xFF));
                if (x % 8 == 0) {
                    edge += d;
                    ne++;
                } else {
                    inner += d;
                    ni++;
                }
            }
        }
        return (edge / ne) / (inner / ni);
    }
}
