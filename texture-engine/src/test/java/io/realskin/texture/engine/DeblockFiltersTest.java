package io.realskin.texture.engine;

import io.realskin.texture.jpeg.JpegCoefficients;
import io.realskin.texture.jpeg.JpegReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeblockFiltersTest {
    @BeforeAll
    static void load() {
        new TextureEngine(); // loads OpenCV
    }

    @Test
    void theShippedFiltersLoadAreTrainedAndSurviveAWriteAndRead() throws IOException {
        DeblockFilters f = DeblockFilters.shipped();
        long trained = Arrays.stream(f.filters).filter(k -> Arrays.stream(toDoubles(k)).anyMatch(v -> v != 0)).count();
        assertEquals(DeblockFilters.BUCKETS, trained, "every position and strength has a filter");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        f.write(out);
        DeblockFilters back = DeblockFilters.read(new ByteArrayInputStream(out.toByteArray()));
        for (int i = 0; i < f.filters.length; i++) assertArrayEquals(f.filters[i], back.filters[i]);
        ByteArrayOutputStream upscale = new ByteArrayOutputStream();
        UpscaleFilters.none().write(upscale);
        assertThrows(IOException.class, () -> DeblockFilters.read(new ByteArrayInputStream(upscale.toByteArray())),
                "the upscale's file is not read as deblock filters");
    }

    /**
     * A real and an AI portrait, reduced to 0.4x and saved at quality 25: the learned correction brings the deblocked
     * image closer to the one the file encodes than the thresholding alone. (Both files are among the training
     * portraits, which the training reduces to 0.5x: this is another image of each face on another block grid.)
     */
    @Test
    void theCorrectionBringsAQualityTwentyFiveFileCloserToWhatItEncodes() {
        for (String name : new String[]{Fixtures.REAL, Fixtures.AI}) {
            Mat low = reduced(name);
            JpegCoefficients c = JpegReader.read(Fixtures.encode(low, ".jpg", Imgcodecs.IMWRITE_JPEG_QUALITY, 25));
            double learned = Core.PSNR(low, SourceRestorer.deblock(c, DeblockFilters.shipped(), 1));
            double thresholded = Core.PSNR(low, SourceRestorer.deblock(c, DeblockFilters.none(), 1));
            assertTrue(learned > thresholded, name + ": learned " + learned + " dB, thresholding alone " + thresholded);
        }
    }

    /** Above MAX_QUALITY the filters were measured to cost PSNR: such a file is deblocked without them, bit for bit. */
    @Test
    void aFileAboveTheQualityTheFiltersServeIsDeblockedWithoutThem() {
        Mat low = reduced(Fixtures.REAL);
        for (int quality : new int[]{DeblockFilters.MAX_QUALITY + 5, 75}) {
            JpegCoefficients c = JpegReader.read(Fixtures.encode(low, ".jpg", Imgcodecs.IMWRITE_JPEG_QUALITY, quality));
            Mat diff = new Mat();
            Core.absdiff(SourceRestorer.deblock(c, DeblockFilters.shipped(), 1), SourceRestorer.deblock(c, DeblockFilters.none(), 1), diff);
            assertEquals(0, Core.countNonZero(diff.reshape(1)), "quality " + quality);
        }
    }

    /** The unclamped path inside the image gives what the features the training saw give, bit for bit. */
    @Test
    void theCorrectionIsTheFiltersAppliedToTheTrainingFeatures() {
        int stride = 32, width = 29, height = 21;
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        float[] deblocked = new float[stride * 24], decoded = new float[deblocked.length];
        for (int i = 0; i < deblocked.length; i++) {
            deblocked[i] = (float) (128 + 60 * Math.sin(i * 0.37) + random.nextDouble(-3, 3));
            decoded[i] = deblocked[i] + (float) random.nextDouble(-12, 12);
        }
        DeblockFilters filters = DeblockFilters.shipped();
        float[] expected = deblocked.clone(), f = new float[DeblockFilters.TAPS];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                float[] k = filters.filters[DeblockFilters.bucket(deblocked, stride, width, height, x, y)];
                DeblockFilters.features(deblocked, decoded, stride, width, height, x, y, f);
                float s = 0;
                for (int t = 0; t < f.length; t++) s += k[t] * f[t];
                expected[y * stride + x] = deblocked[y * stride + x] + s;
            }
        }
        float[] corrected = deblocked.clone();
        filters.correct(corrected, decoded, stride, width, height, 1);
        assertArrayEquals(expected, corrected);
    }

    @Test
    void aTableInNaturalOrderHasTheQualityOfItsFile() {
        Mat low = reduced(Fixtures.AI);
        for (int quality : new int[]{20, 25, 31, 50, 90}) {
            byte[] jpeg = Fixtures.encode(low, ".jpg", Imgcodecs.IMWRITE_JPEG_QUALITY, quality);
            JpegCoefficients c = JpegReader.read(jpeg);
            int fromTable = JpegQualityEstimator.estimate(c.quantTable(c.component(0).quantTable()), JpegCoefficients.ZIGZAG);
            assertEquals(JpegQualityEstimator.estimate(jpeg), fromTable, "quality " + quality);
            assertEquals(quality, fromTable, 1, "quality " + quality);
        }
    }

    private static Mat reduced(String name) {
        Mat full = Fixtures.decode(Fixtures.bytes(name)), low = new Mat();
        Imgproc.resize(full, low, new Size(Math.round(full.cols() * 0.4), Math.round(full.rows() * 0.4)), 0, 0, Imgproc.INTER_AREA);
        return low;
    }

    private static double[] toDoubles(float[] k) {
        double[] d = new double[k.length];
        for (int i = 0; i < k.length; i++) d[i] = k[i];
        return d;
    }
}
