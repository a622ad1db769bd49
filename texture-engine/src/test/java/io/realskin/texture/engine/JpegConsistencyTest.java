package io.realskin.texture.engine;

import io.realskin.texture.jpeg.Dct;
import io.realskin.texture.jpeg.JpegCoefficients;
import io.realskin.texture.jpeg.JpegComponent;
import io.realskin.texture.jpeg.JpegReader;
import io.realskin.texture.jpeg.QuantizationConstraint;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JpegConsistencyTest {
    static JpegCoefficients odd, aligned;

    @BeforeAll
    static void load() {
        new TextureEngine(); // loads OpenCV
        Mat portrait = Fixtures.decode(Fixtures.bytes(Fixtures.REAL));
        odd = JpegReader.read(jpeg(portrait, 203, 141)); // partial blocks and MCUs on both edges
        aligned = JpegReader.read(jpeg(portrait, 192, 128)); // whole 16 px MCUs: no padding
    }

    static byte[] jpeg(Mat img, int w, int h) {
        Mat small = new Mat();
        Imgproc.resize(img, small, new Size(w, h), 0, 0, Imgproc.INTER_AREA);
        return Fixtures.encode(small, ".jpg", Imgcodecs.IMWRITE_JPEG_QUALITY, 25);
    }

    /** A 2x upscale of the file's decoded pixels with noise on it, so that it is not consistent. */
    static float[][] noisyUpscale(JpegCoefficients c, long seed) {
        float[][] ycc = replicatedDecode(c, 2);
        Random r = new Random(seed);
        for (float[] p : ycc) for (int i = 0; i < p.length; i++) p[i] += (float) (r.nextGaussian() * 60);
        return ycc;
    }

    /** Each component's decoded samples replicated over the pixels they cover, at scale x the file's size. */
    static float[][] replicatedDecode(JpegCoefficients c, int scale) {
        int w = c.width() * scale, h = c.height() * scale;
        float[][] ycc = new float[3][w * h];
        for (int k = 0; k < 3; k++) {
            QuantizationConstraint q = new QuantizationConstraint(c, k);
            float[] d = q.decode();
            JpegComponent comp = c.component(k);
            int fx = scale * c.hmax() / comp.h(), fy = scale * c.vmax() / comp.v();
            for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) ycc[k][y * w + x] = d[(y / fy) * q.width() + x / fx];
        }
        return ycc;
    }

    /** Largest distance (in quantisation steps) of an implied coefficient outside its interval, over the used blocks. */
    static double worstViolation(JpegCoefficients c, float[] plane, int scale, int k) {
        JpegComponent comp = c.component(k);
        QuantizationConstraint q = new QuantizationConstraint(c, k);
        float[] implied = JpegConsistency.implied(plane, scale, c.width() * scale, c.height() * scale, q.width(), q.height(),
                c.hmax() / comp.h(), c.vmax() / comp.v());
        int[] quant = c.quantTable(comp.quantTable());
        float[] s = new float[64], f = new float[64], scratch = new float[64];
        double worst = 0;
        for (int by = 0; by < comp.usedBlocksHigh(); by++) {
            for (int bx = 0; bx < comp.usedBlocksWide(); bx++) {
                for (int y = 0; y < 8; y++) for (int x = 0; x < 8; x++) s[y * 8 + x] = implied[(by * 8 + y) * q.width() + bx * 8 + x] - 128f;
                Dct.forward(s, f, scratch);
                int off = comp.offset(bx, by);
                for (int i = 0; i < 64; i++) {
                    double steps = Math.abs(f[i] / quant[i] - comp.coefficients()[off + i]);
                    worst = Math.max(worst, steps - 0.5);
                }
            }
        }
        return worst;
    }

    @Test
    void oneReplicatedRoundPutsEveryCoefficientInsideItsInterval() {
        for (int scale : new int[]{1, 2}) {
            float[][] ycc = scale == 2 ? noisyUpscale(aligned, 1) : noisyLow(aligned);
            for (int k = 0; k < 3; k++) assertTrue(worstViolation(aligned, ycc[k], scale, k) > 0.1, "the noise breaks the intervals");
            new JpegConsistency(aligned).project(ycc, scale, JpegConsistency.Spread.REPLICATE);
            for (int k = 0; k < 3; k++) {
                double v = worstViolation(aligned, ycc[k], scale, k);
                assertTrue(v < 1e-3, "component " + k + " at scale " + scale + ": a coefficient " + v + " steps outside");
            }
        }
    }

    static float[][] noisyLow(JpegCoefficients c) {
        float[][] ycc = replicatedDecode(c, 1);
        Random r = new Random(2);
        for (float[] p : ycc) for (int i = 0; i < p.length; i++) p[i] += (float) (r.nextGaussian() * 60);
        return ycc;
    }

    @Test
    void theProjectionIsIdempotent() {
        float[][] once = noisyUpscale(aligned, 3);
        JpegConsistency consistency = new JpegConsistency(aligned);
        consistency.project(once, 2, JpegConsistency.Spread.REPLICATE);
        float[][] twice = {once[0].clone(), once[1].clone(), once[2].clone()};
        consistency.project(twice, 2, JpegConsistency.Spread.REPLICATE);
        assertEquals(0, maxDiff(once, twice), 1e-3);
    }

    @Test
    void anImageTheFileCouldHaveComeFromIsLeftUnchanged() {
        for (JpegConsistency.Spread spread : JpegConsistency.Spread.values()) {
            float[][] consistent = replicatedDecode(aligned, 2);
            float[][] projected = {consistent[0].clone(), consistent[1].clone(), consistent[2].clone()};
            new JpegConsistency(aligned).project(projected, 2, spread);
            assertEquals(0, maxDiff(consistent, projected), 1e-3, spread.name());
        }
    }

    /**
     * On an image with partial blocks and MCUs at its edges (the padding samples are copies of the edge pixels, whose
     * share of a correction has nowhere to go) the rounds still shrink every component's violations.
     */
    @Test
    void cubicRoundsConvergeTowardsTheIntervals() {
        float[][] ycc = noisyUpscale(odd, 4);
        JpegConsistency consistency = new JpegConsistency(odd);
        double[] before = new double[3], one = new double[3], two = new double[3];
        for (int k = 0; k < 3; k++) before[k] = worstViolation(odd, ycc[k], 2, k);
        consistency.project(ycc, 2, JpegConsistency.Spread.CUBIC);
        for (int k = 0; k < 3; k++) one[k] = worstViolation(odd, ycc[k], 2, k);
        consistency.project(ycc, 2, JpegConsistency.Spread.CUBIC);
        for (int k = 0; k < 3; k++) {
            two[k] = worstViolation(odd, ycc[k], 2, k);
            assertTrue(one[k] < before[k] && two[k] < one[k],
                    "component " + k + ": violations shrink round by round: " + before[k] + " -> " + one[k] + " -> " + two[k]);
        }
    }

    @Test
    void everyUsualSamplingIsServed() {
        for (byte[] jpeg : io.realskin.texture.jpeg.JpegInputs.portraitVariants().values()) {
            assertTrue(JpegConsistency.supports(JpegReader.read(jpeg)));
        }
    }

    @Test
    void aPlaneOfTheWrongSizeIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new JpegConsistency(odd).project(new float[10], 2, 0, JpegConsistency.Spread.CUBIC));
    }

    static double maxDiff(float[][] a, float[][] b) {
        double m = 0;
        for (int k = 0; k < a.length; k++) for (int i = 0; i < a[k].length; i++) m = Math.max(m, Math.abs(a[k][i] - b[k][i]));
        return m;
    }
}
