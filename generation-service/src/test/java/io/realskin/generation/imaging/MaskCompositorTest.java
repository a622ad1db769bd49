package io.realskin.generation.imaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realskin.generation.stub.StubImages;
import io.realskin.imaging.IccProfile;
import io.realskin.imaging.ImageProbe;
import io.realskin.imaging.ImageRejectedException;
import io.realskin.imaging.ProducerFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * The compositing test: the provider answers the whole frame resized (+8 px) and colour-shifted; the composite keeps
 * every decoded pixel outside the mask identical to the original's, and inside it takes the provider's pixels with
 * their colour matched to the surroundings.
 */
class MaskCompositorTest {
    private static final int W = 400;
    private static final int H = 300;

    @BeforeAll
    static void opencv() {
        OpenCv.load();
    }

    /** White ellipse (rework) in the middle, a gray square (rework partly) in a corner, black elsewhere. */
    private static byte[] mask() {
        Mat mask = Mat.zeros(H, W, CvType.CV_8UC1);
        Imgproc.ellipse(mask, new Point(200, 150), new Size(80, 60), 0, 0, 360, new Scalar(255), -1);
        Imgproc.rectangle(mask, new Point(20, 20), new Point(60, 60), new Scalar(128), -1);
        return InpaintImages.png(mask);
    }

    private static Mat decode(byte[] bytes, int flags) {
        return Imgcodecs.imdecode(new MatOfByte(bytes), flags);
    }

    /** Pixels (any channel) that differ between the two images where {@code where} is not 0. */
    private static int differences(Mat a, Mat b, Mat where) {
        Mat diff = new Mat();
        Core.absdiff(a, b, diff);
        Mat max = diff.channels() == 1 ? diff : new Mat();
        if (diff.channels() > 1) {
            Core.reduce(diff.reshape(1, a.rows() * a.cols()), max, 1, Core.REDUCE_MAX);
            max = max.reshape(1, a.rows());
        }
        Mat differs = new Mat();
        Core.compare(max, new Scalar(0), differs, Core.CMP_GT);
        Mat both = new Mat();
        Core.bitwise_and(differs, where, both);
        return Core.countNonZero(both);
    }

    private static int differencesOutside(Mat a, Mat b, Mat mask) {
        Mat outside = new Mat();
        Core.compare(mask, new Scalar(0), outside, Core.CMP_EQ);
        return differences(a, b, outside);
    }

    @Test
    void outsideTheMaskEveryPixelIsTheOriginalsAndInsideTheShiftIsMatched() {
        byte[] original = StubImages.synthetic(W, H, "png");
        byte[] answer = StubImages.resizedAndShifted(original, W + 8, H + 8, 30, -20, 12, "png");
        try (InpaintImages inputs = InpaintImages.decode(original, mask())) {
            MaskCompositor.Composite composite = MaskCompositor.composite(inputs, answer);
            assertEquals(W, composite.width());
            assertEquals(H, composite.height());

            Mat out = decode(composite.png(), Imgcodecs.IMREAD_UNCHANGED);
            Mat orig = decode(original, Imgcodecs.IMREAD_UNCHANGED);
            Mat mask = decode(mask(), Imgcodecs.IMREAD_GRAYSCALE);
            assertEquals(0, differencesOutside(orig, out, mask), "outside the mask the composite is the original, pixel for pixel");
            assertTrue(differences(orig, out, mask) > Core.countNonZero(mask) / 2, "inside it is not: the check can see a change");

            // deep inside the ellipse the provider's pixels are used, its +30/-20/+12 shift taken back out
            Mat core = Mat.zeros(H, W, CvType.CV_8UC1);
            Imgproc.ellipse(core, new Point(200, 150), new Size(60, 40), 0, 0, 360, new Scalar(255), -1);
            Scalar shiftedAnswer = Core.mean(decode(answer, Imgcodecs.IMREAD_COLOR).submat(4, H + 4, 4, W + 4), core);
            Scalar meanOut = Core.mean(out, core);
            Scalar meanOrig = Core.mean(orig, core);
            for (int c = 0; c < 3; c++) {
                assertTrue(Math.abs(meanOut.val[c] - meanOrig.val[c]) < 3,
                        "channel " + c + ": colour matched to the original (" + meanOut.val[c] + " vs " + meanOrig.val[c] + ")");
                assertTrue(Math.abs(shiftedAnswer.val[c] - meanOrig.val[c]) > 10, "the answer really was shifted");
            }
            assertTrue(inputs.maskedFraction() > 0.1 && inputs.maskedFraction() < 0.2, "fraction " + inputs.maskedFraction());
        }
    }

    @Test
    void insideTheMaskTheProvidersContentIsWhatShows() {
        byte[] original = StubImages.synthetic(W, H, "png");
        Mat answer = decode(StubImages.resizedAndShifted(original, W + 8, H + 8, 0, 0, 0, "png"), Imgcodecs.IMREAD_COLOR);
        Imgproc.rectangle(answer, new Point(180, 130), new Point(228, 178), new Scalar(255, 255, 255), -1); // a white patch
        try (InpaintImages inputs = InpaintImages.decode(original, mask())) {
            Mat out = decode(MaskCompositor.composite(inputs, InpaintImages.png(answer)).png(), Imgcodecs.IMREAD_COLOR);
            double patch = Core.mean(out.submat(135, 165, 185, 215)).val[0];
            assertTrue(patch > 230, "the provider's white patch is in the composite: " + patch);
        }
    }

    @Test
    void sixteenBitWithAlphaStaysSixteenBitAndExactOutside() {
        Mat rgba = new Mat(H, W, CvType.CV_16UC4);
        Core.randu(rgba, 0, 65535);
        byte[] original = InpaintImages.png(rgba);
        byte[] answer = StubImages.resizedAndShifted(StubImages.synthetic(W, H, "png"), W + 8, H + 8, 10, 10, 10, "png");
        try (InpaintImages inputs = InpaintImages.decode(original, mask())) {
            assertEquals("image/png", inputs.providerContentType(false), "providers get an 8-bit PNG");
            Mat out = decode(MaskCompositor.composite(inputs, answer).png(), Imgcodecs.IMREAD_UNCHANGED);
            assertEquals(CvType.CV_16UC4, out.type());
            Mat mask = decode(mask(), Imgcodecs.IMREAD_GRAYSCALE);
            assertEquals(0, differencesOutside(decode(original, Imgcodecs.IMREAD_UNCHANGED), out, mask));
        }
    }

    @Test
    void aJpegOriginalIsExactOutsideInItsDecodedPixels() {
        byte[] original = StubImages.synthetic(W, H, "jpg");
        byte[] answer = StubImages.resizedAndShifted(original, W + 8, H + 8, -20, 20, 0, "jpg");
        try (InpaintImages inputs = InpaintImages.decode(original, mask())) {
            assertEquals("image/jpeg", inputs.providerContentType(false), "an upright JPEG is sent as uploaded");
            Mat out = decode(MaskCompositor.composite(inputs, answer).png(), Imgcodecs.IMREAD_UNCHANGED);
            Mat mask = decode(mask(), Imgcodecs.IMREAD_GRAYSCALE);
            assertEquals(0, differencesOutside(decode(original, Imgcodecs.IMREAD_COLOR), out, mask));
        }
    }

    /**
     * A phone's JPEG in Display P3 (its ICC profile) stored sideways (EXIF orientation 6): the composite's pixel values are
     * the original's outside the mask, and so must be what they mean. Until 2026-12-08 the PNG was written bare, so every
     * pixel of a P3, Adobe RGB or ProPhoto photo was shown as sRGB (duller, skin shifted) wherever the mask was not, and a
     * texture-restore of the same photo kept its profile (docs/texture-engine.md, "Every result's metadata").
     */
    @Test
    void theCompositeCarriesTheOriginalsColourProfileAndStandsUpright() {
        byte[] profile = ProducerFiles.iccProfile(3000);
        byte[] stored = StubImages.synthetic(H, W, "jpg"); // turned a quarter by orientation 6: W x H upright
        byte[] original = ProducerFiles.insertAfterAppSegments(stored, ProducerFiles.concat(
                ProducerFiles.exif(6, false, StubImages.synthetic(16, 12, "jpg")), ProducerFiles.iccSegments(3000)));
        assertArrayEquals(profile, IccProfile.of(original), "the original carries the profile");
        byte[] answer = StubImages.resizedAndShifted(StubImages.synthetic(W, H, "png"), W + 8, H + 8, 5, 5, 5, "png");
        try (InpaintImages inputs = InpaintImages.decode(original, mask())) {
            byte[] png = MaskCompositor.composite(inputs, answer).png();
            assertArrayEquals(profile, IccProfile.of(png), "the composite says what its pixel values mean, as the original did");
            assertTrue(ImageProbe.probe(png).orientation() <= 1, "upright pixels, not turned again by a viewer");
            Mat out = decode(png, Imgcodecs.IMREAD_UNCHANGED);
            assertEquals(W, out.cols());
            assertEquals(0, differencesOutside(inputs.image(), out, decode(mask(), Imgcodecs.IMREAD_GRAYSCALE)));
        }
    }

    @Test
    void providerMasksFollowEachConvention() {
        try (InpaintImages inputs = InpaintImages.decode(StubImages.synthetic(W, H, "png"), mask())) {
            Mat white = decode(inputs.maskWhiteIsEdit(), Imgcodecs.IMREAD_UNCHANGED);
            assertEquals(CvType.CV_8UC1, white.type());
            assertEquals(255, (int) white.get(150, 200)[0], "white = fill (BFL)");
            assertEquals(255, (int) white.get(40, 40)[0], "a partly masked pixel is still sent to be reworked");
            assertEquals(0, (int) white.get(5, 5)[0]);
            Mat alpha = decode(inputs.maskAlphaZeroIsEdit(), Imgcodecs.IMREAD_UNCHANGED);
            assertEquals(CvType.CV_8UC4, alpha.type());
            assertEquals(0, (int) alpha.get(150, 200)[3], "transparent = edit here (OpenAI)");
            assertEquals(255, (int) alpha.get(5, 5)[3]);
        }
    }

    @Test
    void aMaskOfAnotherSizeOrNoneAtAllIsRefused() {
        byte[] small = InpaintImages.png(Mat.zeros(10, 10, CvType.CV_8UC1));
        ImageRejectedException size = assertThrows(ImageRejectedException.class,
                () -> InpaintImages.decode(StubImages.synthetic(W, H, "png"), small));
        assertTrue(size.getMessage().contains("10x10"), size.getMessage());
        try (InpaintImages nothing = InpaintImages.decode(StubImages.synthetic(W, H, "png"),
                InpaintImages.png(Mat.zeros(H, W, CvType.CV_8UC1)))) {
            assertEquals(0.0, nothing.maskedFraction());
            assertThrows(ImageRejectedException.class, () -> MaskCompositor.composite(nothing, StubImages.synthetic(W, H, "png")));
        }
    }
}
