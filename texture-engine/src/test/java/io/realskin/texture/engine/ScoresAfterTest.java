package io.realskin.texture.engine;

import io.realskin.imaging.TestImages;
import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;
import org.opencv.imgcodecs.Imgcodecs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The scores after a restore describe the file it returns: a JPEG's quantisation drops part of the texture the engine
 * adds (about half at quality 40), and the score after was that of the engine's pixels before the encoding.
 */
class ScoresAfterTest {
    private static final TextureEngine ENGINE = new TextureEngine();
    /** The gap the two decoders leave: the path's own float IDCT against libjpeg-turbo's, which the file's score uses. */
    private static final double DECODERS = 0.03;

    /** The AI fixture (plastic skin) at JPEG quality 40. */
    private static byte[] coarseJpeg() {
        Mat m = Fixtures.decode(Fixtures.bytes(Fixtures.AI));
        try {
            return Fixtures.encode(m, ".jpg", Imgcodecs.IMWRITE_JPEG_QUALITY, 40);
        } finally {
            m.release();
        }
    }

    private static void assertScoresTheFile(RestoreResult r) {
        double file = ENGINE.score(r.bytes()).plasticScore();
        assertTrue(r.plasticScoreAfter() < r.plasticScoreBefore(), "the restore lowered the score");
        assertEquals(file, r.plasticScoreAfter(), DECODERS, "the score after is the returned file's");
    }

    @Test
    void theCoefficientPathScoresTheFileItWrites() {
        RestoreResult r = ENGINE.restore(coarseJpeg(), RestoreOptions.defaults().withIntensity(80).withSeed(3));
        assertEquals("coefficient", r.jpeg().path());
        assertScoresTheFile(r);
    }

    @Test
    void thePixelPathScoresTheJpegItEncodes() {
        RestoreResult r = ENGINE.restore(TestImages.withExifOrientation6(coarseJpeg()),
                RestoreOptions.defaults().withIntensity(80).withSeed(3));
        assertEquals("reencoded", r.jpeg().path());
        assertScoresTheFile(r);
    }
}
