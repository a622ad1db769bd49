package io.realskin.texture.engine;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfDouble;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FineGrainTest {
    @BeforeAll
    static void load() {
        OpenCvLoader.load();
    }

    @Test
    void madeInStripsEqualsTheBandMadeWhole() {
        int w = 333, h = 3 * FineGrain.STRIP_ROWS + 41;
        double sigma = 1.4, gain = 0.8;
        Mat strips = Mat.zeros(h, w, CvType.CV_32F), stripsThreaded = Mat.zeros(h, w, CvType.CV_32F);
        FineGrain.addTo(strips, sigma, 0, 7, gain, 1);
        FineGrain.addTo(stripsThreaded, sigma, 0, 7, gain, 3);

        // the same band made whole, with OpenCV's own Gaussian blur (4 sigma kernels) on the whole noise field
        Mat noise = NoiseField.white(w, h, 7), a = new Mat(), b = new Mat();
        Imgproc.GaussianBlur(noise, a, new Size(0, 0), sigma);
        Imgproc.GaussianBlur(noise, b, new Size(0, 0), 2 * sigma);
        Core.subtract(a, b, a);
        double scale = gain / FineGrain.dogStd(sigma, 2 * sigma);
        Core.multiply(a, new org.opencv.core.Scalar(scale), a);

        assertEquals(0.0, Core.norm(strips, stripsThreaded, Core.NORM_INF), "threads change the band");
        // the 3-sigma kernels leave out 0.3 % of the weight: differences stay far below the band's std
        assertTrue(Core.norm(strips, a, Core.NORM_INF) < 0.02 * gain, "strips differ from the whole by " + Core.norm(strips, a, Core.NORM_INF));
        MatOfDouble mean = new MatOfDouble(), std = new MatOfDouble();
        Core.meanStdDev(strips, mean, std);
        assertEquals(gain, std.get(0, 0)[0], 0.05 * gain, "std");
        assertEquals(0.0, mean.get(0, 0)[0], 0.02);
    }

    @Test
    void softeningLowersTheFineShareAndAddsToWhatIsThere() {
        Mat sharp = Mat.zeros(300, 300, CvType.CV_32F), soft = Mat.zeros(300, 300, CvType.CV_32F);
        FineGrain.addTo(sharp, 1.2, 0, 3, 1, 1);
        FineGrain.addTo(soft, 1.2, 2.0, 3, 1, 1);
        assertTrue(SkinMaskAndSynthesisTest.fineShare(soft) < 0.7 * SkinMaskAndSynthesisTest.fineShare(sharp));

        Mat base = new Mat(300, 300, CvType.CV_32F, new org.opencv.core.Scalar(5)), onBase = base.clone();
        FineGrain.addTo(onBase, 1.2, 0, 3, 1, 1);
        Core.subtract(onBase, base, onBase);
        assertTrue(Core.norm(onBase, sharp, Core.NORM_INF) < 1e-5, "adds the same band whatever the field holds");
    }
}
