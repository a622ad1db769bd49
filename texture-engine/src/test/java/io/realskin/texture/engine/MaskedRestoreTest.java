package io.realskin.texture.engine;

import io.realskin.texture.jpeg.JpegInputs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A user mask chooses where a restore works, never how much: inside a white area the pixels are the ones a restore
 * without the mask makes there (same seed, same level), whatever the mask's size.
 */
class MaskedRestoreTest {
    static TextureEngine engine;

    @BeforeAll
    static void load() {
        engine = new TextureEngine();
    }

    @Test
    void insideAWhiteAreaAMaskedRestoreIsTheUnmaskedOne() {
        byte[] png = Fixtures.encode(Fixtures.decode(Fixtures.bytes(Fixtures.AI)), ".png");
        for (RestoreOptions level : List.of(RestoreOptions.defaults().withIntensity(40), RestoreOptions.defaults().withAutoIntensity(true))) {
            // a lossless output: every pixel of the white area is the unmasked restore's, to the last bit
            assertSameInside(png, level.withSeed(7), 0);
        }
    }

    @Test
    void insideAWhiteAreaAMaskedJpegRestoreIsTheUnmaskedOne() {
        byte[] jpeg = JpegInputs.portraitVariants().get("4:2:0 baseline (ImageIO)");
        RestoreOptions options = RestoreOptions.defaults().withIntensity(60).withSeed(7);
        assertEquals(JpegLocality.COEFFICIENT, engine.restore(jpeg, options).jpeg().path());
        // the coefficient path codes whole blocks, a 4:2:0 chroma block spans 16 x 16 pixels and the decode's chroma
        // upsampling reads a pixel beyond: two MCUs in from the mask's edge every block is coded from the same pixels
        assertSameInside(jpeg, options, 32);
    }

    @Test
    void aMaskedFacesReportMeasuresTheSkinInsideTheMask() {
        byte[] png = Fixtures.encode(Fixtures.decode(Fixtures.bytes(Fixtures.AI)), ".png");
        Mat in = Fixtures.decode(png);
        RestoreOptions options = RestoreOptions.defaults().withIntensity(60).withSeed(7);
        FaceRestore whole = engine.restore(png, options).faceRestores().get(0);
        // a mask all white is no mask at all
        Mat white = new Mat(in.size(), CvType.CV_8U, new Scalar(255));
        assertEquals(whole, engine.restore(png, options.withMask(Fixtures.encode(white, ".png"))).faceRestores().get(0));
        // a small one: the level and target are the face's, before and after the masked skin's
        FaceRestore small = engine.restore(png, options.withMask(Fixtures.encode(mask(in, squares(in).get(0)), ".png")))
                .faceRestores().get(0);
        assertEquals(whole.intensity(), small.intensity());
        assertEquals(whole.target(), small.target());
        assertNotEquals(whole.before(), small.before(), "the masked skin's level, not the whole face's");
        assertTrue(small.after() > small.before(), small.before() + " -> " + small.after());
    }

    @Test
    void aMasksTransparentPixelsAreUnpainted() {
        byte[] png = Fixtures.encode(Fixtures.decode(Fixtures.bytes(Fixtures.AI)), ".png");
        Mat in = Fixtures.decode(png);
        Rect square = squares(in).get(0);
        // painted white on transparent white: only the opaque square counts, as the gray mask of the same square
        Mat rgba = new Mat(in.size(), CvType.CV_8UC4, new Scalar(255, 255, 255, 0));
        rgba.submat(square).setTo(new Scalar(255, 255, 255, 255));
        RestoreOptions options = RestoreOptions.defaults().withIntensity(60).withSeed(7);
        RestoreResult gray = engine.restore(png, options.withMask(Fixtures.encode(mask(in, square), ".png")));
        RestoreResult alpha = engine.restore(png, options.withMask(Fixtures.encode(rgba, ".png")));
        assertEquals(gray.maskedFraction(), alpha.maskedFraction());
        assertTrue(java.util.Arrays.equals(gray.bytes(), alpha.bytes()), "the same pixels changed");
    }

    /** For a small and a large white square on the face's skin. */
    private static void assertSameInside(byte[] image, RestoreOptions options, int margin) {
        Mat in = Fixtures.decode(image);
        RestoreResult unmasked = engine.restore(image, options);
        Mat all = Fixtures.decode(unmasked.bytes());
        for (Rect square : squares(in)) {
            RestoreResult masked = engine.restore(image, options.withMask(Fixtures.encode(mask(in, square), ".png")));
            Mat out = Fixtures.decode(masked.bytes());
            Rect inner = new Rect(square.x + margin, square.y + margin, square.width - 2 * margin, square.height - 2 * margin);
            Mat diff = new Mat();
            Core.absdiff(all.submat(inner), out.submat(inner), diff);
            String what = square + " " + (options.autoIntensity() ? "auto" : options.intensity());
            assertTrue(Core.norm(all.submat(inner), in.submat(inner), Core.NORM_INF) > 0, "the unmasked restore changed " + what);
            assertEquals(0.0, Core.norm(diff, Core.NORM_INF), "inside " + what + ", rms " + Core.norm(diff, Core.NORM_L2)
                    / Math.sqrt(diff.total() * diff.channels()));
            assertEquals(unmasked.faceRestores().get(0).intensity(), masked.faceRestores().get(0).intensity(), what);
        }
    }

    /** A small square on a cheek (under a tenth of the face's skin) and a large one over most of the face. */
    private static List<Rect> squares(Mat image) {
        FaceDetection f = engine.findFaces(image.channels() == 3 ? image : gray3(image)).get(0);
        int side = (int) Math.max(64, f.width() / 5);
        Rect small = new Rect((int) (f.x() + 0.27 * f.width()) - side / 2, (int) (f.y() + 0.55 * f.height()) - side / 2, side, side);
        Rect large = new Rect((int) (f.x() + 0.15 * f.width()), (int) (f.y() + 0.3 * f.height()),
                (int) (0.7 * f.width()), (int) (0.55 * f.height()));
        return List.of(small, large);
    }

    private static Mat gray3(Mat image) {
        Mat bgr = new Mat();
        org.opencv.imgproc.Imgproc.cvtColor(image, bgr, org.opencv.imgproc.Imgproc.COLOR_GRAY2BGR);
        return bgr;
    }

    private static Mat mask(Mat image, Rect white) {
        Mat m = new Mat(image.size(), CvType.CV_8U, new Scalar(0));
        m.submat(white).setTo(new Scalar(255));
        return m;
    }
}
