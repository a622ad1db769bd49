package io.realskin.texture.engine;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which sample discs hold skin ({@link SkinSamples}): every skin tone keeps all three, a cover is left out. */
class SkinSamplesTest {
    static FaceFinder finder;
    static Mat real;

    @BeforeAll
    static void load() {
        finder = new FaceFinder();
        real = Fixtures.decode(Fixtures.bytes(Fixtures.REAL));
    }

    @Test
    void coveredDiscsAreLeftOutAndEverySkinToneKeepsAll() {
        FaceDetection face = finder.find(real).get(0);
        Mat covered = real.clone();
        covered.submat(OccludedFaceTest.bar(face)).setTo(new Scalar(140, 90, 60));
        assertArrayEquals(new boolean[] {true, false, false}, discs(covered, face), "forehead only");

        assertArrayEquals(new boolean[] {true, true, true}, discs(real, face), "light skin");
        // the same face as dark skin (deep brown, luminance about a third) and as a gray photo
        Mat dark = new Mat();
        Core.multiply(real, new Scalar(0.3, 0.42, 0.55), dark);
        List<FaceDetection> darkFaces = finder.find(dark);
        assertEquals(1, darkFaces.size());
        assertArrayEquals(new boolean[] {true, true, true}, discs(dark, darkFaces.get(0)), "dark skin");
        Mat gray = new Mat(), gray3 = new Mat();
        Imgproc.cvtColor(real, gray, Imgproc.COLOR_BGR2GRAY);
        Imgproc.cvtColor(gray, gray3, Imgproc.COLOR_GRAY2BGR);
        assertArrayEquals(new boolean[] {true, true, true}, discs(gray3, face), "gray photo");
        // no disc on the skin side (blue and red swapped, as a writer given BGR for RGB stores them): all kept, as before
        Mat swapped = new Mat();
        Imgproc.cvtColor(real, swapped, Imgproc.COLOR_BGR2RGB);
        assertArrayEquals(new boolean[] {true, true, true}, discs(swapped, face), "blue skin");
    }

    private static boolean[] discs(Mat bgr, FaceDetection face) {
        try (FaceRegion r = FaceRegion.of(bgr, face)) {
            return SkinSamples.skin(r);
        }
    }
}
