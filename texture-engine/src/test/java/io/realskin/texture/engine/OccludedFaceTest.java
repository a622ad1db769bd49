package io.realskin.texture.engine;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A face partly covered (a surgical mask, a scarf, a bar over the lower face): the skin colour is calibrated on the
 * sample discs that hold skin only, so the cover gets no texture. Until 2026-12-07 the cheek discs calibrated the colour
 * model on the cover itself, and a restore at 40 painted pore grain over a flat blue bar.
 */
class OccludedFaceTest {
    static TextureEngine engine;
    static Mat ai;

    @BeforeAll
    static void load() {
        engine = new TextureEngine();
        ai = Fixtures.decode(Fixtures.bytes(Fixtures.AI)); // smooth skin: what shows of it gets texture at 40
    }

    @Test
    void aFlatCoverOverTheLowerFaceGetsNoTexture() {
        FaceDetection face = engine.findFaces(ai).get(0);
        Rect bar = bar(face);
        // a dark blue bar and a light-blue surgical mask's colour
        for (Scalar colour : new Scalar[] {new Scalar(140, 90, 60), new Scalar(220, 200, 170)}) {
            Mat covered = ai.clone();
            covered.submat(bar).setTo(colour);
            RestoreResult r = engine.restore(Fixtures.encode(covered, ".png"), RestoreOptions.defaults().withIntensity(40).withSeed(7));
            assertNull(r.faceRestores().get(0).skipped(), "the forehead is still restored: " + r.faceRestores());
            Mat out = Fixtures.decode(r.bytes());
            Mat diff = new Mat(), gray = new Mat();
            Core.absdiff(covered, out, diff);
            Imgproc.cvtColor(diff, gray, Imgproc.COLOR_BGR2GRAY);
            // all but the feather of the skin mask along the cover's edge (a few analysis pixels: 1 level at most there)
            Rect inside = new Rect(bar.x + 10, bar.y + 10, bar.width - 20, bar.height - 20);
            assertEquals(0, Core.countNonZero(gray.submat(inside)), "pixels of the cover changed, " + colour);
            assertTrue(Core.countNonZero(gray) > 1000, "the visible skin gets texture");
        }
    }

    /** From a third of an eye distance below the eyes to below the chin, a little wider than the face. */
    static Rect bar(FaceDetection f) {
        double d = f.eyeDistance();
        double eyeY = Math.max(f.ky(FaceDetection.RIGHT_EYE), f.ky(FaceDetection.LEFT_EYE));
        double left = Math.min(f.kx(FaceDetection.RIGHT_EYE), f.kx(FaceDetection.LEFT_EYE)) - 0.9 * d;
        double right = Math.max(f.kx(FaceDetection.RIGHT_EYE), f.kx(FaceDetection.LEFT_EYE)) + 0.9 * d;
        int y0 = (int) Math.round(eyeY + 0.33 * d), y1 = (int) Math.round(f.ky(FaceDetection.MOUTH) + 0.7 * d);
        return new Rect((int) Math.round(left), y0, (int) Math.round(right - left), y1 - y0);
    }
}
