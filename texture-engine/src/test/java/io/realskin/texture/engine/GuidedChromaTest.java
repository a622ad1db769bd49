package io.realskin.texture.engine;

import io.realskin.texture.jpeg.JpegCoefficients;
import io.realskin.texture.jpeg.JpegReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GuidedChromaTest {
    static final GuidedChroma STEP = SourceRestorer.CHROMA_FROM_LUMA;

    @BeforeAll
    static void load() {
        new TextureEngine(); // loads OpenCV
    }

    /** Two colours of different luma meeting at a vertical edge off the block grid (x = 45). */
    static Mat twoColours() {
        Mat m = new Mat(64, 96, CvType.CV_8UC3, new Scalar(100, 120, 200));
        Imgproc.rectangle(m, new Rect(45, 0, 51, 64), new Scalar(160, 90, 60), -1);
        return m;
    }

    static float[][] deblocked(JpegCoefficients c) {
        Mat bgr = SourceRestorer.deblock(c, 1);
        float[][] ycc = UpscaleFeatures.ycc(bgr);
        bgr.release();
        return ycc;
    }

    @Test
    void chromaEdgesMoveToTheLumaEdgeAndComeCloserToTheOriginal() {
        Mat original = twoColours();
        JpegCoefficients c = JpegReader.read(Fixtures.encode(original, ".jpg", Imgcodecs.IMWRITE_JPEG_QUALITY, 25));
        float[][] truth = UpscaleFeatures.ycc(original);
        float[][] before = deblocked(c);
        float[][] after = {before[0].clone(), before[1].clone(), before[2].clone()};
        STEP.apply(after, 96, 64, 1, 1, new JpegConsistency(c));
        double errBefore = 0, errAfter = 0;
        for (int y = 8; y < 56; y++) {
            for (int x = 37; x < 53; x++) { // 8 px either side of the edge
                int i = y * 96 + x;
                for (int k = 1; k < 3; k++) {
                    errBefore += Math.abs(before[k][i] - truth[k][i]);
                    errAfter += Math.abs(after[k][i] - truth[k][i]);
                }
            }
        }
        assertTrue(errAfter < errBefore, "chroma error at the edge: " + errBefore + " -> " + errAfter);
    }

    @Test
    void aGrayImageKeepsNeutralChroma() {
        Mat gray = new Mat(), bgr = new Mat();
        Imgproc.cvtColor(Fixtures.decode(Fixtures.bytes(Fixtures.REAL)), gray, Imgproc.COLOR_BGR2GRAY);
        Imgproc.resize(gray, gray, new org.opencv.core.Size(120, 90), 0, 0, Imgproc.INTER_AREA);
        Imgproc.cvtColor(gray, bgr, Imgproc.COLOR_GRAY2BGR);
        JpegCoefficients c = JpegReader.read(Fixtures.encode(bgr, ".jpg", Imgcodecs.IMWRITE_JPEG_QUALITY, 25));
        assertEquals(3, c.componentCount());
        float[][] ycc = deblocked(c);
        STEP.apply(ycc, 120, 90, 1, 1, new JpegConsistency(c));
        for (int k = 1; k < 3; k++) for (float v : ycc[k]) assertEquals(128, v, 1.0);
    }
}
