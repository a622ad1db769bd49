package io.realskin.texture.engine;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A detection under {@link FacePlausibility#CHECKED_BELOW} must show two eyes ({@link FacePlausibility}). Until 2026-12-07
 * a tattooed shoulder of an AI portrait, warmed a little, was taken for a face at 0.61 and got pore texture.
 */
class UnsureDetectionsTest {
    static FaceFinder finder;

    @BeforeAll
    static void load() {
        finder = new FaceFinder();
    }

    @Test
    void aShoulderIsNoFace() {
        Mat shoulder = Fixtures.decode(Fixtures.bytes("ai_canopusxl__E_warm_shoulder.jpg"));
        assertEquals(List.of(), finder.find(shoulder));
    }

    @Test
    void anUnsureDetectionOfARealFaceIsKept() {
        Mat real = Fixtures.decode(Fixtures.bytes(Fixtures.REAL));
        FaceDetection face = finder.find(real).get(0);
        FaceDetection unsure = new FaceDetection(face.x(), face.y(), face.width(), face.height(), face.keypoints(), 0.61,
                face.source());
        assertTrue(FacePlausibility.plausible(real, unsure));
        // the same detection where the eyes are plain skin (both painted with the cheek's colour) is none
        Mat noEyes = real.clone();
        double[] cheek = real.get((int) (face.ky(FaceDetection.RIGHT_EYE) + 0.6 * face.eyeDistance()), (int) face.kx(FaceDetection.RIGHT_EYE));
        for (int eye : new int[] {FaceDetection.RIGHT_EYE, FaceDetection.LEFT_EYE}) {
            org.opencv.imgproc.Imgproc.circle(noEyes, new org.opencv.core.Point(face.kx(eye), face.ky(eye)),
                    (int) (0.3 * face.eyeDistance()), new org.opencv.core.Scalar(cheek), -1);
        }
        assertFalse(FacePlausibility.plausible(noEyes, unsure));
        assertTrue(FacePlausibility.plausible(noEyes, face), "a sure detection is not checked");
    }
}
