package io.realskin.texture.engine;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The score's features on a synthetic face: smooth skin, sharp eyes and brows, a flat background. */
class ScoreFeaturesTest {
    static final FaceDetection FACE = new FaceDetection(135, 140, 210, 280,
            new double[] {200, 250, 280, 250, 240, 300, 240, 345, 135, 265, 345, 265}, 0.9, "test");

    @BeforeAll
    static void load() {
        OpenCvLoader.load();
    }

    /** A smooth face: skin lit from the right (darker to the left), eyes, brows and lips drawn sharp, on a flat background. */
    static Mat smoothFace() {
        Mat m = new Mat(600, 480, CvType.CV_8UC3, new Scalar(70, 100, 80));
        Imgproc.ellipse(m, new Point(240, 290), new Size(105, 145), 0, 0, 360, new Scalar(120, 150, 205), -1);
        Imgproc.rectangle(m, new Point(185, 400), new Point(295, 600), new Scalar(120, 150, 205), -1);
        Mat f = new Mat();
        m.convertTo(f, CvType.CV_32FC3);
        Mat shade = new Mat(m.size(), CvType.CV_32FC3);
        for (int x = 0; x < m.cols(); x++) {
            double k = 0.45 + 0.9 * x / m.cols();
            shade.colRange(x, x + 1).setTo(new Scalar(k, k, k));
        }
        Core.multiply(f, shade, f);
        f.convertTo(m, CvType.CV_8UC3);
        for (int side : new int[] {-1, 1}) {
            Point eye = new Point(240 + 40 * side, 250);
            Imgproc.ellipse(m, eye, new Size(18, 9), 0, 0, 360, new Scalar(235, 235, 235), -1);
            Imgproc.circle(m, eye, 7, new Scalar(40, 35, 30), -1);
            Imgproc.ellipse(m, new Point(240 + 40 * side, 226), new Size(22, 5), 0, 0, 360, new Scalar(40, 50, 60), -1);
        }
        Imgproc.ellipse(m, new Point(240, 345), new Size(28, 9), 0, 0, 360, new Scalar(90, 90, 170), -1);
        return m;
    }

    /** Gaussian noise of the given sigma added to the image where {@code where} is set (null: everywhere). */
    static Mat withNoise(Mat img, double sigma, Mat where, int seed) {
        Mat noise = new Mat(img.size(), CvType.CV_32F);
        Core.setRNGSeed(seed);
        Core.randn(noise, 0, sigma);
        if (where != null) {
            Mat w = new Mat();
            where.convertTo(w, CvType.CV_32F, 1 / 255.0);
            Core.multiply(noise, w, noise);
        }
        Mat f = new Mat(), n3 = new Mat(), out = new Mat();
        Core.merge(List.of(noise, noise, noise), n3);
        img.convertTo(f, CvType.CV_32FC3);
        Core.add(f, n3, f);
        f.convertTo(out, CvType.CV_8UC3);
        return out;
    }

    /** The face ellipse and the neck, shrunk a little so the noise stays on the skin (8-bit, 255 = inside). */
    static Mat skinArea() {
        Mat m = Mat.zeros(600, 480, CvType.CV_8U);
        Imgproc.ellipse(m, new Point(240, 290), new Size(95, 135), 0, 0, 360, new Scalar(255), -1);
        Imgproc.rectangle(m, new Point(193, 400), new Point(287, 600), new Scalar(255), -1);
        return m;
    }

    static <T> T measured(Mat img, Function<MeasuredFace, T> f) {
        List<MeasuredFace> m = MeasuredFace.measure(img, List.of(FACE));
        try {
            assertTrue(m.get(0).stats().usable(), "the synthetic skin is measurable");
            return f.apply(m.get(0));
        } finally {
            m.forEach(MeasuredFace::close);
        }
    }

    static double feature(Mat img, String name) {
        return measured(img, m -> ScoreFeatures.of(m, List.of(name))[0]);
    }

    @Test
    void noiseRaisesTheNoiseRelativeFeatures() {
        Mat smooth = smoothFace();
        Mat noisy = withNoise(smooth, 4, null, 1);
        assertTrue(feature(noisy, "noiseOverLuminance") > feature(smooth, "noiseOverLuminance") + 1);
        // noise on the skin alone, over a clean frame: the skin is noisier than the frame's floor
        Mat skinOnly = withNoise(smooth, 4, skinArea(), 1);
        assertTrue(feature(skinOnly, "noiseOverFloor") > feature(noisy, "noiseOverFloor") + 1);
    }

    @Test
    void blurLowersTheEdgeSharpness() {
        Mat sharp = withNoise(smoothFace(), 1, null, 2);
        Mat blurred = new Mat();
        Imgproc.GaussianBlur(sharp, blurred, new Size(0, 0), 2);
        double before = measured(sharp, m -> RegionEvidence.measure(m.region(), m.mask()).edgeFine());
        double after = measured(blurred, m -> RegionEvidence.measure(m.region(), m.mask()).edgeFine());
        assertTrue(after < 0.5 * before, after + " vs " + before);
    }

    @Test
    void textureOnPartOfTheSkinIsUneven() {
        Mat smooth = smoothFace();
        Mat left = skinArea();
        left.colRange(240, 480).setTo(new Scalar(0));
        double even = feature(withNoise(smooth, 4, skinArea(), 3), "unevenness");
        double half = feature(withNoise(smooth, 4, left, 3), "unevenness");
        assertTrue(half > even + 0.5, half + " vs " + even);
    }

    @Test
    void textureStrongerInTheShadowsFollowsTheShading() {
        Mat smooth = smoothFace();
        Mat stronger = new Mat(smooth.size(), CvType.CV_8U); // weight falling from the dark left to the bright right
        for (int x = 0; x < smooth.cols(); x++) stronger.colRange(x, x + 1).setTo(new Scalar(255 - 200.0 * x / smooth.cols()));
        Core.bitwise_and(stronger, skinArea(), stronger);
        double uniform = feature(withNoise(smooth, 4, skinArea(), 4), "energyVsLuminance");
        double shadowed = feature(withNoise(smooth, 6, stronger, 4), "energyVsLuminance");
        assertTrue(Math.abs(uniform) < 0.3, "uniform texture " + uniform);
        assertTrue(shadowed < uniform - 0.3, shadowed + " vs " + uniform);
    }

    /** The smooth face with a texture spanning a few pixels (blurred noise) on the skin, as pores and relief do. */
    static Mat structuredFace() {
        Mat noise = new Mat(600, 480, CvType.CV_32F), f = new Mat(), n3 = new Mat(), w = new Mat(), out = new Mat();
        Core.setRNGSeed(21);
        Core.randn(noise, 0, 14);
        Imgproc.GaussianBlur(noise, noise, new Size(0, 0), 1.2);
        skinArea().convertTo(w, CvType.CV_32F, 1 / 255.0);
        Core.multiply(noise, w, noise);
        Core.merge(List.of(noise, noise, noise), n3);
        smoothFace().convertTo(f, CvType.CV_32FC3);
        Core.add(f, n3, f);
        f.convertTo(out, CvType.CV_8UC3);
        return out;
    }

    @Test
    void whiteGrainIsTakenOutOfTheZonesStructure() {
        // grain too faint to see filled v3's fine band (fineOverContrast); the zone's structure leaves it out
        Mat skin = structuredFace();
        Mat grained = withNoise(skin, 3, null, 22);
        double fine = feature(grained, "fineOverContrast") - feature(skin, "fineOverContrast");
        double structure = feature(grained, "zoneStructureOverContrast") - feature(skin, "zoneStructureOverContrast");
        assertTrue(fine > 0.2, "grain raises the fine band: " + fine);
        assertTrue(Math.abs(structure) < fine / 3, "structure moved " + structure + " against " + fine);
        double grainShare = feature(grained, "zoneGrainShare");
        assertTrue(grainShare > feature(skin, "zoneGrainShare") + 0.2, "the grain's share of the fine band " + grainShare);
    }

    @Test
    void theZoneKeepsItsFiguresWhenTheFrameEndsUnderTheChin() {
        Mat skin = structuredFace();
        int rows = (int) Math.round(FACE.y() + 0.92 * FACE.height());
        Mat cut = skin.submat(0, rows, 0, skin.cols()).clone();
        for (String name : List.of("zoneStructureOverContrast", "zoneMidUnevenness", "zoneAbsoluteEnergyVsLuminance")) {
            assertEquals(feature(skin, name), feature(cut, name), 0.05, name);
        }
    }

    @Test
    void everyNamedFeatureIsMeasuredInTheOrderAsked() {
        Mat img = withNoise(smoothFace(), 3, null, 5);
        double[] all = measured(img, ScoreFeatures::all);
        assertEquals(ScoreFeatures.NAMES.size(), all.length);
        double[] two = measured(img, m -> ScoreFeatures.of(m, List.of("unevenness", "fineOverContrast")));
        assertEquals(all[ScoreFeatures.NAMES.indexOf("unevenness")], two[0], 1e-12);
        assertEquals(all[ScoreFeatures.NAMES.indexOf("fineOverContrast")], two[1], 1e-12);
        for (double v : all) assertTrue(Double.isFinite(v));
        assertThrows(IllegalArgumentException.class, () -> measured(img, m -> ScoreFeatures.of(m, List.of("nope"))));
    }
}
