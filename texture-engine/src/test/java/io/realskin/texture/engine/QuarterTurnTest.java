package io.realskin.texture.engine;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QuarterTurnTest {
    @BeforeAll
    static void load() {
        OpenCvLoader.load();
    }

    @Test
    void aPointOfTheTurnedCopyMapsBackToWhereOpenCvTookItFrom() {
        int w = 7, h = 5;
        for (QuarterTurn turn : QuarterTurn.values()) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    Mat original = Mat.zeros(h, w, CvType.CV_8UC1);
                    original.put(y, x, 255);
                    Mat turned = new Mat();
                    Core.rotate(original, turned, turn.rotateCode);
                    Core.MinMaxLocResult max = Core.minMaxLoc(turned);
                    double cx = max.maxLoc.x + 0.5, cy = max.maxLoc.y + 0.5; // the pixel's centre
                    assertEquals(x + 0.5, turn.backX(cx, cy, w, h), 1e-9, turn + " x of " + x + "," + y);
                    assertEquals(y + 0.5, turn.backY(cx, cy, w, h), 1e-9, turn + " y of " + x + "," + y);
                }
            }
        }
    }

    @Test
    void aFaceFoundOnTheTurnedCopyComesBackWithItsBoxAndEyesWhereTheyAre() {
        // a 20 x 10 box at (30, 40) on a copy turned clockwise from a 100 x 200 original (the copy is 200 x 100)
        double[] kp = {32, 44, 48, 44, 40, 46, 40, 48, 30, 45, 50, 45};
        FaceDetection f = QuarterTurn.CLOCKWISE.back(new FaceDetection(30, 40, 20, 10, kp, 0.9, "t"), 100, 200);
        assertEquals(40, f.x(), 1e-9);
        assertEquals(200 - 50, f.y(), 1e-9);
        assertEquals(10, f.width(), 1e-9);
        assertEquals(20, f.height(), 1e-9);
        // level eyes on a copy turned clockwise: in the original the face lies with its eye line pointing up
        assertEquals(-90, Math.toDegrees(f.roll()), 1e-9);
        assertEquals(180, Math.abs(Math.toDegrees(QuarterTurn.HALF.back(new FaceDetection(30, 40, 20, 10, kp, 0.9, "t"), 100, 200).roll())), 1e-9);
        assertTrue(f.source().endsWith("turned-cw"), f.source());
    }

    @Test
    void theOrientationTheDetectorIsSurerOfWinsPerFace() {
        FaceDetection upright = face(100, 100, 0.70);
        FaceDetection elsewhere = face(400, 400, 0.95);
        FaceDetection surerTurned = face(105, 102, 0.93);
        List<FaceDetection> chosen = QuarterTurn.choose(List.of(upright, elsewhere), List.of(surerTurned));
        assertEquals(2, chosen.size());
        assertTrue(chosen.contains(surerTurned) && chosen.contains(elsewhere), chosen.toString());

        FaceDetection lessSure = face(105, 102, 0.69);
        assertFalse(QuarterTurn.improves(List.of(upright), List.of(lessSure)));
        assertSame(upright, QuarterTurn.choose(List.of(upright), List.of(lessSure)).get(0));
    }

    @Test
    void anUprightBoxAroundTheChinIsTheSameFaceAsTheTurnedOneAroundIt() {
        FaceDetection chin = new FaceDetection(130, 160, 40, 40, new double[12], 0.65, "t"); // inside, IoU 0.16
        FaceDetection turned = face(100, 100, 0.9);
        assertEquals(List.of(turned), QuarterTurn.choose(List.of(chin), List.of(turned)));
    }

    @Test
    void aFaceOnlyATurnedCopyShowsNeedsMoreConfidence() {
        assertFalse(QuarterTurn.improves(List.of(), List.of(face(0, 0, QuarterTurn.TURNED_ONLY_MIN_SCORE - 0.01))));
        assertTrue(QuarterTurn.improves(List.of(), List.of(face(0, 0, QuarterTurn.TURNED_ONLY_MIN_SCORE))));
        assertEquals(1, QuarterTurn.choose(List.of(), List.of(face(0, 0, 0.8), face(300, 0, 0.7))).size());
    }

    private static FaceDetection face(double x, double y, double score) {
        return new FaceDetection(x, y, 100, 100, new double[12], score, "t");
    }

    @Test
    void inATurnedPictureAWeakUprightFaceMeetsTheTurnedBar() {
        FaceDetection lying = QuarterTurn.CLOCKWISE.back(face(0, 0, 0.9), 400, 400);
        FaceDetection weakUpright = face(250, 250, 0.65);
        FaceDetection strongUpright = face(250, 0, 0.9);
        assertEquals(List.of(lying, strongUpright), QuarterTurn.evenBar(List.of(lying, weakUpright, strongUpright)));
        // a picture where every face stands upright keeps the upright passes' own bar
        assertEquals(List.of(weakUpright, strongUpright), QuarterTurn.evenBar(List.of(weakUpright, strongUpright)));
    }
}
