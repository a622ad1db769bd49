package io.realskin.texture.engine;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FaceDetectionTest {
    static FaceFinder finder;

    @BeforeAll
    static void load() {
        finder = new FaceFinder();
    }

    @Test
    void everyCascadeLoadsTheOneSharedModelFileSoAKilledWorkerLeavesNoCopyBehind() throws IOException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        Mat portrait = Fixtures.decode(Fixtures.bytes(Fixtures.REAL));
        assertEquals(1, new CascadeFaceDetector().detect(portrait).size(), "the fallback finds the portrait's face");
        Set<Path> before = cascadeFiles(tmp);
        new CascadeFaceDetector().detect(portrait);
        new CascadeFaceDetector().detect(portrait);
        assertEquals(before, cascadeFiles(tmp));
        assertTrue(before.stream().anyMatch(p -> p.getFileName().toString().matches("realskin-lbp-[0-9a-f]{16}\\.xml")), before.toString());
    }

    private static Set<Path> cascadeFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith("realskin-lbp")).collect(Collectors.toSet());
        }
    }

    @Test
    void anchorCountsMatchTheModels() {
        assertEquals(896, BlazeFaceAnchors.shortRange().length);
        assertEquals(2304, BlazeFaceAnchors.fullRange().length);
        float[] first = BlazeFaceAnchors.shortRange()[0];
        assertEquals(0.5f / 16, first[0], 1e-6);
    }

    @Test
    void findsThePortraitFaceWithKeypointsInside() {
        Mat img = Fixtures.decode(Fixtures.bytes(Fixtures.REAL));
        List<FaceDetection> faces = finder.find(img);
        assertEquals(1, faces.size());
        FaceDetection f = faces.get(0);
        assertTrue(f.width() > 300 && f.width() < 700, "face width " + f.width());
        assertTrue(f.kx(FaceDetection.RIGHT_EYE) < f.kx(FaceDetection.LEFT_EYE));
        assertTrue(f.ky(FaceDetection.MOUTH) > f.ky(FaceDetection.NOSE));
        assertTrue(Math.abs(Math.toDegrees(f.roll())) < 10);
    }

    @Test
    void findsAFaceTilted30DegreesAndASmallOne() {
        Mat img = Fixtures.decode(Fixtures.bytes(Fixtures.REAL));
        Mat rot = new Mat();
        Mat m = Imgproc.getRotationMatrix2D(new Point(500, 500), 30, 1.0);
        Imgproc.warpAffine(img, rot, m, img.size(), Imgproc.INTER_LINEAR, Core.BORDER_REFLECT);
        List<FaceDetection> tilted = finder.find(rot);
        assertTrue(tilted.size() >= 1);
        assertTrue(Math.abs(Math.abs(Math.toDegrees(tilted.get(0).roll())) - 30) < 12, "roll " + Math.toDegrees(tilted.get(0).roll()));
        // about 60 px wide face in a 1000 px frame
        Mat small = new Mat();
        Imgproc.resize(img, small, new Size(130, 130), 0, 0, Imgproc.INTER_AREA);
        Mat canvas = Fixtures.landscape(1000, 800);
        small.copyTo(canvas.submat(300, 430, 600, 730));
        List<FaceDetection> found = finder.find(canvas);
        assertEquals(1, found.size());
        assertTrue(found.get(0).centerX() > 600 && found.get(0).centerX() < 730);
    }

    @Test
    void aPortraitTurnedOnItsSideOrUpsideDownIsFoundTheRightWayUp() {
        Mat img = Fixtures.decode(Fixtures.bytes(Fixtures.REAL));
        double upright = Math.toDegrees(finder.find(img).get(0).roll());
        int[] codes = {Core.ROTATE_90_CLOCKWISE, Core.ROTATE_180, Core.ROTATE_90_COUNTERCLOCKWISE};
        double[] turnedBy = {90, 180, -90};
        for (int i = 0; i < codes.length; i++) {
            Mat turned = new Mat();
            Core.rotate(img, turned, codes[i]);
            List<FaceDetection> faces = finder.find(turned);
            assertEquals(1, faces.size(), "turned by " + turnedBy[i]);
            double roll = Math.toDegrees(faces.get(0).roll());
            double off = ((roll - upright - turnedBy[i]) % 360 + 540) % 360 - 180;
            assertTrue(Math.abs(off) < 10, "turned by " + turnedBy[i] + ": roll " + roll + ", upright " + upright);
            FaceDetection f = faces.get(0);
            assertTrue(f.centerX() > 0 && f.centerX() < turned.cols() && f.centerY() > 0 && f.centerY() < turned.rows());
        }
    }

    @Test
    void landscapeAndTinyImagesHaveNoFace() {
        assertEquals(0, finder.find(Fixtures.landscape(900, 600)).size());
        assertEquals(0, finder.find(new Mat(1, 1, org.opencv.core.CvType.CV_8UC3)).size());
    }

    @Test
    void weightedNmsMergesOverlaps() {
        double[] kp = new double[12];
        FaceDetection a = new FaceDetection(0, 0, 100, 100, kp, 0.9, "t");
        FaceDetection b = new FaceDetection(10, 0, 100, 100, kp, 0.9, "t");
        FaceDetection c = new FaceDetection(500, 500, 50, 50, kp, 0.8, "t");
        List<FaceDetection> out = NonMaxSuppression.weighted(List.of(a, b, c), 0.3);
        assertEquals(2, out.size());
        assertEquals(5, out.get(0).x(), 1e-9);
    }
}
