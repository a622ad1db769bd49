package io.realskin.texture.engine;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfDouble;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SkinMaskAndSynthesisTest {
    static Mat portrait;
    static FaceDetection face;

    @BeforeAll
    static void load() {
        portrait = Fixtures.decode(Fixtures.bytes(Fixtures.REAL));
        face = new FaceFinder().find(portrait).get(0);
    }

    @Test
    void skinMaskCoversCheeksNotEyesOrLips() {
        try (FaceRegion r = FaceRegion.of(portrait, face)) {
            Mat mask = SkinMaskBuilder.build(r);
            Core.MinMaxLocResult mm = Core.minMaxLoc(mask);
            assertTrue(mm.minVal >= 0 && mm.maxVal <= 1.0 + 1e-6);
            double d = r.smallEyeDistance();
            Point re = r.small(FaceDetection.RIGHT_EYE), mouth = r.small(FaceDetection.MOUTH);
            double cheek = mask.get((int) (re.y + 0.6 * d), (int) re.x)[0];
            assertTrue(cheek > 0.5, "cheek " + cheek);
            assertTrue(mask.get((int) re.y, (int) re.x)[0] < 0.2, "eye");
            assertTrue(mask.get((int) mouth.y, (int) mouth.x)[0] < 0.2, "lips");
            assertEquals(0.0, mask.get(0, 0)[0], "corner of the region is outside the face");
        }
    }

    @Test
    void guidedFilterKeepsEdgesAndFlatAreas() {
        Mat guide = new Mat(40, 40, CvType.CV_32F, new Scalar(0.2));
        guide.submat(0, 40, 20, 40).setTo(new Scalar(0.9));
        Mat src = guide.clone();
        Mat q = GuidedFilter.apply(guide, src, 4, 1e-4);
        assertEquals(0.2, q.get(20, 5)[0], 1e-3);
        assertEquals(0.9, q.get(20, 35)[0], 1e-3);
        assertTrue(q.get(20, 22)[0] > 0.8, "edge kept sharp");
    }

    @Test
    void synthesisIsDeterministicZeroMeanAndScaledToTheFace() {
        Mat a = TextureSynthesizer.synthesize(300, 200, 500, 42, TextureRecipe.DEFAULT, 1);
        Mat b = TextureSynthesizer.synthesize(300, 200, 500, 42, TextureRecipe.DEFAULT, 1);
        Mat c = TextureSynthesizer.synthesize(300, 200, 500, 43, TextureRecipe.DEFAULT, 1);
        Mat diff = new Mat();
        Core.absdiff(a, b, diff);
        assertEquals(0.0, Core.norm(diff));
        // the bands and the grain's strips (three here) made side by side give the same field
        Mat tall = TextureSynthesizer.synthesize(300, 600, 500, 42, TextureRecipe.DEFAULT, 1);
        Mat threaded = TextureSynthesizer.synthesize(300, 600, 500, 42, TextureRecipe.DEFAULT, 3);
        Core.absdiff(tall, threaded, diff);
        assertEquals(0.0, Core.norm(diff), "threads change the field");
        Core.absdiff(a, c, diff);
        assertNotEquals(0.0, Core.norm(diff));
        MatOfDouble mean = new MatOfDouble(), std = new MatOfDouble();
        Core.meanStdDev(a, mean, std);
        assertEquals(0.0, mean.get(0, 0)[0], 0.1);
        assertTrue(std.get(0, 0)[0] > 0.3);
        // a bigger face gives coarser texture: less of its energy in the 1-px band
        Mat big = TextureSynthesizer.synthesize(300, 200, 3000, 42, TextureRecipe.DEFAULT, 1);
        assertTrue(fineShare(big) < 0.5 * fineShare(a), "fine share " + fineShare(big) + " vs " + fineShare(a));
    }

    @Test
    void synthesisHasNoTiling() {
        Mat t = TextureSynthesizer.synthesize(256, 256, 400, 1, TextureRecipe.DEFAULT, 1);
        Mat left = t.submat(0, 128, 0, 128), right = t.submat(0, 128, 128, 256);
        Mat diff = new Mat();
        Core.absdiff(left, right, diff);
        assertTrue(Core.mean(diff).val[0] > 0.2);
    }

    static double fineShare(Mat t) {
        Mat blur = new Mat(), hp = new Mat();
        Imgproc.GaussianBlur(t, blur, new Size(0, 0), 1.0);
        Core.subtract(t, blur, hp);
        return Core.norm(hp) / Core.norm(t);
    }

    @Test
    void statisticsSeeSmoothing() {
        double sigma = 1.5 * face.scaleWidth() / FaceRegion.ANALYSIS_FACE_WIDTH; // 1.5 analysis pixels
        Mat blurred = new Mat();
        Imgproc.GaussianBlur(portrait, blurred, new Size(0, 0), Math.max(1.5, sigma));
        java.util.List<MeasuredFace> before = MeasuredFace.measure(portrait, java.util.List.of(face));
        java.util.List<MeasuredFace> after = MeasuredFace.measure(blurred, java.util.List.of(face));
        try {
            assertTrue(before.get(0).stats().usable());
            assertTrue(after.get(0).stats().fineRms() < 0.5 * before.get(0).stats().fineRms());
            assertTrue(PlasticScorer.score(after.get(0)) > PlasticScorer.score(before.get(0)));
        } finally {
            before.forEach(MeasuredFace::close);
            after.forEach(MeasuredFace::close);
        }
    }

    @Test
    void profileOfAPhotographGivesARecipe() {
        TextureProfile p = TextureProfiler.measure(portrait, java.util.List.of(face));
        assertEquals(1, p.faces());
        assertEquals(16, p.radialSpectrum().length);
        TextureRecipe recipe = p.recipe();
        assertTrue(recipe.fine() > 0 && recipe.pores() > 0 && recipe.micro() > 0);
    }
}
