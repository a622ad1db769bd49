package io.realskin.texture.engine;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Intensity "auto", the per-image target, the clamp: on a synthetic plasticized portrait. */
class AutoIntensityTest {
    static TextureEngine engine;
    static byte[] plastic;

    @BeforeAll
    static void load() {
        engine = new TextureEngine();
        plastic = Fixtures.plasticizedPng();
    }

    @Test
    void autoLandsInTheRealPhotoBandAndASecondPassAddsAtMostTenPercent() {
        RestoreResult first = engine.restore(plastic, RestoreOptions.defaults().withAutoIntensity());
        assertEquals("auto", first.intensity());
        FaceOutcome face = first.faceOutcomes().get(0);
        assertTrue(face.before() < TextureTarget.BAND_LOW * face.target(), "the plasticized face starts below the band: " + face);
        assertTrue(face.afterOverTarget() >= TextureTarget.BAND_LOW && face.afterOverTarget() <= TextureTarget.BAND_HIGH,
                "after auto the face is in the band: " + face);
        assertTrue(face.level() > 0 && face.level() <= 100, "the level chosen is reported: " + face);

        RestoreResult second = engine.restore(first.bytes(), RestoreOptions.defaults().withAutoIntensity().withSeed(1));
        // measured independently of the engine's own report: the skin's fine-band energy on one fixed mask
        Mat a = Fixtures.decode(first.bytes()), b = Fixtures.decode(second.bytes());
        FaceDetection f = engine.findFaces(a).get(0);
        try (MeasuredFace m = MeasuredFace.measure(a, List.of(f), 100).get(0); FaceRegion rb = FaceRegion.of(b, f)) {
            double e1 = m.stats().fineEnergy();
            double e2 = SkinStatistics.measure(rb.smallGray(), m.mask()).fineEnergy();
            assertTrue(e2 <= 1.10 * e1, "restoring the restored image adds at most 10 % energy: " + e1 + " -> " + e2);
        }
    }

    @Test
    void intensityFiftyIsTheTargetAndHundredIsClamped() {
        FaceOutcome fifty = engine.restore(plastic, RestoreOptions.defaults().withIntensity(50)).faceOutcomes().get(0);
        assertEquals(50, fifty.level(), 5, "50 = the target: " + fifty);
        assertEquals(1.0, fifty.afterOverTarget(), 0.15, fifty.toString());
        FaceOutcome hundred = engine.restore(plastic, RestoreOptions.defaults().withIntensity(100)).faceOutcomes().get(0);
        assertTrue(hundred.clamped(), "twice the deficit would pass 2x the target: " + hundred);
        assertTrue(hundred.afterOverTarget() <= TextureTarget.CLAMP * 1.05, "never above 2x the target: " + hundred);
        assertTrue(hundred.afterOverTarget() > 1.5, "100 still adds more than 50: " + hundred);
        FaceOutcome zero = engine.restore(plastic, RestoreOptions.defaults().withIntensity(0)).faceOutcomes().get(0);
        assertEquals(0, zero.level());
        assertEquals(zero.before(), zero.after());
    }

    @Test
    void targetFollowsTheFramesSoftness() {
        Mat sharp = Fixtures.decode(plastic);
        Mat soft = new Mat();
        org.opencv.imgproc.Imgproc.GaussianBlur(sharp, soft, new org.opencv.core.Size(0, 0), 2.5);
        FaceDetection f = engine.findFaces(sharp).get(0);
        try (MeasuredFace s = MeasuredFace.measure(sharp, List.of(f), 100).get(0);
             MeasuredFace b = MeasuredFace.measure(soft, List.of(f), 100).get(0)) {
            assertTrue(b.evidence().edgeBlur() > s.evidence().edgeBlur() + 0.5, s.evidence() + " vs " + b.evidence());
            double tSharp = TextureTarget.fineRms(s.stats(), s.evidence(), TextureModel.DEFAULT.target()) / s.stats().meanLuminance();
            double tSoft = TextureTarget.fineRms(b.stats(), b.evidence(), TextureModel.DEFAULT.target()) / b.stats().meanLuminance();
            assertTrue(tSoft < tSharp, "a soft frame gets less fine texture: " + tSoft + " vs " + tSharp);
        }
    }
}
