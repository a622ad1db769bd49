package io.realskin.texture.engine;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfDouble;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AnalysisResampleTest {
    @BeforeAll
    static void load() {
        OpenCvLoader.load();
    }

    /**
     * Gray 8-bit noise around mid-gray whose energy falls towards the Nyquist frequency as a photograph's skin texture
     * does (white noise blurred with sigma 0.7), the same for a seed.
     */
    private static Mat noise(int w, int h, long seed) {
        Random r = new Random(seed);
        float[] v = new float[w * h];
        for (int i = 0; i < v.length; i++) v[i] = (float) (60 * r.nextGaussian());
        Mat white = new Mat(h, w, CvType.CV_32FC1), blurred = new Mat(), out = new Mat();
        white.put(0, 0, v);
        Imgproc.GaussianBlur(white, blurred, new Size(0, 0), 0.7);
        blurred.convertTo(out, CvType.CV_8U, 1, 128);
        return out;
    }

    /** The rms of the fine band (the image minus its sigma-1 blur) as the skin statistics take it, inside a margin. */
    private static double fineRms(Mat gray8) {
        Mat f = new Mat(), b = new Mat(), d = new Mat();
        gray8.convertTo(f, CvType.CV_32F);
        Imgproc.GaussianBlur(f, b, new Size(0, 0), SkinStatistics.FINE_SIGMA);
        Core.subtract(f, b, d);
        Mat inner = d.submat(8, d.rows() - 8, 8, d.cols() - 8);
        MatOfDouble mean = new MatOfDouble(), std = new MatOfDouble();
        Core.meanStdDev(inner, mean, std);
        return std.get(0, 0)[0];
    }

    private static Mat resized(Mat src, int w, int h) {
        Mat out = new Mat();
        AnalysisResample.resize(src, out, new Size(w, h));
        return out;
    }

    @Test
    void theSameSizeIsACopy() {
        Mat n = noise(64, 48, 1);
        Mat out = resized(n, 64, 48);
        assertEquals(0.0, Core.norm(n, out, Core.NORM_INF));
    }

    @Test
    void aRatioJustUnderOneKeepsTheFineBand() {
        // OpenCV's INTER_AREA averages neighbours wherever the grids fall half way: at 0.99 it took a quarter of this
        // band's rms, so a face 258 px wide measured smoother than the same face 254 px wide
        Mat n = noise(400, 400, 2);
        double full = fineRms(n);
        for (int side : new int[] {399, 396, 390, 380}) {
            double at = fineRms(resized(n, side, side));
            assertEquals(full, at, 0.1 * full, side + " px");
        }
        Mat area = new Mat();
        Imgproc.resize(n, area, new Size(396, 396), 0, 0, Imgproc.INTER_AREA);
        assertTrue(fineRms(area) < 0.8 * full, "the defect this class exists for: INTER_AREA " + fineRms(area) + " against " + full);
    }

    @Test
    void detailAboveTheNewNyquistIsFilteredOutNotFolded() {
        // one-pixel stripes: nothing of them fits in a copy at 0.6, so they must not come back as a coarser pattern
        Mat stripes = new Mat(60, 200, CvType.CV_32FC1);
        for (int x = 0; x < 200; x++) stripes.col(x).setTo(new Scalar(x % 2 == 0 ? 100 : 200));
        Mat out = resized(stripes, 120, 36);
        Mat inner = out.submat(4, 32, 4, 116);
        MatOfDouble mean = new MatOfDouble(), std = new MatOfDouble();
        Core.meanStdDev(inner, mean, std);
        assertEquals(150, mean.get(0, 0)[0], 1.0);
        assertTrue(std.get(0, 0)[0] < 3, "stripes folded into the copy: std " + std.get(0, 0)[0]);
    }

    @Test
    void aFlatImageStaysFlatToTheEdgesInEveryChannel() {
        Mat flat = new Mat(37, 53, CvType.CV_8UC3, new Scalar(10, 128, 250));
        for (int[] size : new int[][] {{20, 30}, {52, 36}, {7, 5}, {80, 20}}) {
            Mat out = resized(flat, size[0], size[1]);
            assertEquals(CvType.CV_8UC3, out.type());
            assertEquals(size[0], out.cols());
            assertEquals(size[1], out.rows());
            assertArrayEquals(new double[] {10, 128, 250, 0}, Core.mean(out).val, 1e-9);
            assertEquals(0.0, Core.norm(out, new Mat(out.size(), out.type(), new Scalar(10, 128, 250)), Core.NORM_INF));
        }
    }

    @Test
    void theWeightsOfEveryTapRunSumToOne() {
        for (int[] nm : new int[][] {{300, 256}, {1000, 256}, {257, 256}, {10, 3}, {5, 9}}) {
            AnalysisResample.Taps t = AnalysisResample.Taps.of(nm[0], nm[1]);
            for (int i = 0; i < nm[1]; i++) {
                double sum = 0;
                for (float w : t.weights()[i]) sum += w;
                assertEquals(1.0, sum, 1e-5);
                assertTrue(t.start()[i] >= 0 && t.start()[i] + t.weights()[i].length <= nm[0]);
            }
        }
    }
}
