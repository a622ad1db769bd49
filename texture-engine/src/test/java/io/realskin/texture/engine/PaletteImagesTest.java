package io.realskin.texture.engine;

import io.realskin.imaging.ImageRejectedException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.imgproc.Imgproc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A portrait reduced to a palette (a GIF, PNG8, a web optimiser's output): its dither is not skin texture, so it gets no
 * score, and a restore smooths the dither out of the skin before adding texture (the AI fixture, which the engine scores
 * plastic, read as textured skin and was left "in-band" by auto intensity once dithered); nor is it a texture reference.
 */
class PaletteImagesTest {
    static TextureEngine engine;
    static Mat ai;

    @BeforeAll
    static void load() {
        engine = new TextureEngine();
        ai = Fixtures.decode(Fixtures.bytes(Fixtures.AI));
    }

    @Test
    void aPaletteFaceHasNoScoreAndSaysWhy() {
        ScoreReport full = engine.score(Fixtures.encode(ai, ".png"));
        assertNotNull(full.plasticScore());
        assertNull(full.faces().get(0).unscored());

        for (boolean dither : new boolean[] {true, false}) {
            ScoreReport palette = engine.score(Fixtures.encode(toPalette(ai, dither), ".png"));
            assertEquals(1, palette.faces().size());
            assertNull(palette.faces().get(0).plasticScore(), "dither " + dither);
            assertEquals("palette-colours", palette.faces().get(0).unscored());
            assertNull(palette.plasticScore());
        }
    }

    @Test
    void aPalettePhotoIsNoTextureReference() {
        Mat real = Fixtures.decode(Fixtures.bytes(Fixtures.REAL));
        assertEquals(1, engine.measureProfile(Fixtures.encode(real, ".png")).faces());
        ImageRejectedException refused = assertThrows(ImageRejectedException.class,
                () -> engine.profile(Fixtures.encode(toPalette(real, true), ".png")));
        assertEquals(TextureEngine.NO_MEASURABLE_FACE, refused.getMessage());
    }

    @Test
    void aGrayPortraitIsNoPalette() {
        Mat gray = new Mat(), bgr = new Mat();
        Imgproc.cvtColor(ai, gray, Imgproc.COLOR_BGR2GRAY);
        Imgproc.cvtColor(gray, bgr, Imgproc.COLOR_GRAY2BGR);
        ScoreReport r = engine.score(Fixtures.encode(bgr, ".png"));
        assertNotNull(r.plasticScore());
        assertFalse(PaletteColours.reduced(bgr, new Rect(0, 0, bgr.cols(), bgr.rows())));
    }

    @Test
    void aSepiaPortraitIsNoPalette() {
        Mat gray = new Mat(), sepia = new Mat();
        Imgproc.cvtColor(ai, gray, Imgproc.COLOR_BGR2GRAY);
        Mat lut = new Mat(1, 256, CvType.CV_8UC3);
        for (int v = 0; v < 256; v++) lut.put(0, v, 0.55 * v, 0.8 * v + 20, Math.min(255, 1.1 * v + 30));
        Mat gray3 = new Mat();
        Imgproc.cvtColor(gray, gray3, Imgproc.COLOR_GRAY2BGR);
        Core.LUT(gray3, lut, sepia);
        assertFalse(PaletteColours.reduced(sepia, new Rect(0, 0, sepia.cols(), sepia.rows())));
        assertNotNull(engine.score(Fixtures.encode(sepia, ".png")).plasticScore());
    }

    @Test
    void aRegionTooSmallOrOfAPhotographIsNoPalette() {
        Mat palette = toPalette(ai, true);
        assertTrue(PaletteColours.reduced(palette, new Rect(0, 0, palette.cols(), palette.rows())));
        assertFalse(PaletteColours.reduced(palette, new Rect(0, 0, 60, 60)), "3600 pixels");
        Mat real = Fixtures.decode(Fixtures.bytes(Fixtures.REAL));
        assertFalse(PaletteColours.reduced(real, new Rect(0, 0, real.cols(), real.rows())));
    }

    @Test
    void autoIntensitySmoothsTheDitherAndLandsOnTheTarget() {
        Mat palette = toPalette(ai, true);
        RestoreResult r = engine.restore(Fixtures.encode(palette, ".png"), RestoreOptions.defaults().withAutoIntensity(true).withSeed(3));
        FaceRestore face = r.faceRestores().get(0);
        assertNull(face.skipped(), "the dither read as texture");
        assertTrue(face.intensity() > 0);
        double landed = face.after() * face.after() / (face.target() * face.target());
        assertTrue(landed >= TextureTarget.BAND_LOW && landed <= 1 + 2 * TextureTarget.AUTO_TOLERANCE, "energy after / target " + landed);
        assertNull(r.plasticScoreBefore());
        assertNotNull(r.plasticScoreAfter(), "the restored skin is no palette's");

        // the smoothing, like the texture, stays inside the skin mask: every other pixel is the input's
        Mat out = Fixtures.decode(r.bytes()), outside = new Mat(), diff = new Mat(), gray = new Mat();
        Core.bitwise_not(engine.influenceMap(palette), outside);
        Core.absdiff(palette, out, diff);
        Imgproc.cvtColor(diff, gray, Imgproc.COLOR_BGR2GRAY);
        assertEquals(0, Core.minMaxLoc(gray, outside).maxVal);
    }

    /**
     * The real photograph with coarse grain (2-pixel blobs, which the dither's smoothing leaves), in 252 colours: a
     * palette face whose skin, smoothed, is past the ceiling, so a restore at 40 leaves it alone, and every pixel with
     * it. Until 2026-12-07 the smoothed dither stayed in a face reported skipped, "before" equal to "after" (a
     * posterized cartoon of shared/portraits' cc0avatar__006: 114,631 pixels blurred by up to 96 levels).
     */
    @Test
    void aPaletteFaceLeftAloneKeepsEveryPixel() {
        Mat real = Fixtures.decode(Fixtures.bytes(Fixtures.REAL));
        Mat grain = new Mat(real.size(), CvType.CV_32F), grain3 = new Mat(), grainy = new Mat();
        Core.setRNGSeed(11);
        Core.randn(grain, 0, 60);
        Imgproc.GaussianBlur(grain, grain, new org.opencv.core.Size(0, 0), 1.0);
        Core.merge(java.util.List.of(grain, grain, grain), grain3);
        real.convertTo(grainy, CvType.CV_32FC3);
        Core.add(grainy, grain3, grainy);
        grainy.convertTo(grainy, CvType.CV_8UC3);
        Mat palette = toPalette(grainy, false);
        byte[] png = Fixtures.encode(palette, ".png");

        RestoreResult r = engine.restore(png, RestoreOptions.defaults().withIntensity(40).withSeed(7));
        FaceRestore face = r.faceRestores().get(0);
        assertEquals("at-ceiling", face.skipped(), face.toString());
        assertEquals(face.before(), face.after());
        Mat out = Fixtures.decode(r.bytes()), diff = new Mat();
        Core.absdiff(palette, out, diff);
        assertEquals(0, Core.countNonZero(diff.reshape(1)), "pixels changed in a face left alone");
    }

    /** The image in 252 colours (6 x 7 x 6 levels of B, G, R), Floyd-Steinberg dithered or to the nearest colour. */
    static Mat toPalette(Mat bgr, boolean dither) {
        int w = bgr.cols(), h = bgr.rows();
        int[] levels = {6, 7, 6};
        byte[] px = new byte[w * h * 3];
        bgr.get(0, 0, px);
        float[] err = new float[(w + 2) * 2 * 3];
        byte[] out = new byte[px.length];
        for (int y = 0; y < h; y++) {
            float[] next = new float[(w + 2) * 3];
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < 3; c++) {
                    int i = (y * w + x) * 3 + c;
                    float v = (px[i] & 0xff) + (dither ? err[(x + 1) * 3 + c] : 0);
                    float step = 255f / (levels[c] - 1);
                    float q = Math.max(0, Math.min(255, Math.round(v / step) * step));
                    out[i] = (byte) Math.round(q);
                    float e = v - q;
                    err[(x + 2) * 3 + c] += e * 7 / 16;
                    next[x * 3 + c] += e * 3 / 16;
                    next[(x + 1) * 3 + c] += e * 5 / 16;
                    next[(x + 2) * 3 + c] += e / 16;
                }
            }
            err = next;
        }
        Mat m = new Mat(h, w, CvType.CV_8UC3);
        m.put(0, 0, out);
        return m;
    }
}
