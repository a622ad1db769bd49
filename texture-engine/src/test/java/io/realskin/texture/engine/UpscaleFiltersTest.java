package io.realskin.texture.engine;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.core.Scalar;
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

class UpscaleFiltersTest {
    @BeforeAll
    static void load() {
        new TextureEngine(); // loads OpenCV
    }

    @Test
    void theShippedFiltersLoadAreTrainedAndSurviveAWriteAndRead() throws IOException {
        UpscaleFilters f = UpscaleFilters.shipped();
        long trained = Arrays.stream(f.luma).filter(k -> norm(k) > 0).count();
        assertTrue(trained > f.luma.length / 2, "most luma buckets have a filter: " + trained + " of " + f.luma.length);
        assertTrue(Arrays.stream(f.chroma[1]).anyMatch(k -> norm(k) > 0), "chroma filters are trained");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        f.write(out);
        UpscaleFilters back = UpscaleFilters.read(new ByteArrayInputStream(out.toByteArray()));
        for (int i = 0; i < f.luma.length; i++) assertArrayEquals(f.luma[i], back.luma[i]);
        for (int i = 0; i < f.chroma[0].length; i++) assertArrayEquals(f.chroma[0][i], back.chroma[0][i]);
        assertThrows(IOException.class, () -> UpscaleFilters.read(new ByteArrayInputStream(new byte[]{1, 2, 3})));
    }

    @Test
    void aFlatImageStaysExactlyFlat() {
        Mat flat = new Mat(40, 60, CvType.CV_8UC3, new Scalar(90, 140, 200));
        Mat up = UpscaleFilters.shipped().upscale2x(flat);
        assertEquals(120, up.cols());
        assertEquals(80, up.rows());
        Mat diff = new Mat();
        Core.absdiff(up, new Scalar(90, 140, 200), diff);
        assertTrue(Core.minMaxLoc(diff.reshape(1)).maxVal <= 1, "no pattern added to a flat image");
    }

    /**
     * A slanted colour edge (a disc of skin colour on a dark ground), degraded like a poor source (2x area
     * downscale, JPEG quality 25) and deblocked by source-restore: the learned upscale comes closer to the original
     * than Lanczos and than the base upscale it corrects, by at least half a dB each.
     */
    @Test
    void aSyntheticEdgeComesBackCloserThanLanczosAndTheBaseUpscale() {
        Mat truth = new Mat(256, 256, CvType.CV_8UC3, new Scalar(40, 50, 70));
        Imgproc.circle(truth, new org.opencv.core.Point(120.3, 131.7), 80, new Scalar(120, 150, 210), -1, Imgproc.LINE_AA);
        Imgproc.line(truth, new org.opencv.core.Point(20, 30), new org.opencv.core.Point(230, 90), new Scalar(200, 220, 230), 3, Imgproc.LINE_AA);
        Imgproc.GaussianBlur(truth, truth, new Size(0, 0), 0.8);
        Mat low = new Mat();
        Imgproc.resize(truth, low, new Size(128, 128), 0, 0, Imgproc.INTER_AREA);
        MatOfByte jpeg = new MatOfByte();
        Imgcodecs.imencode(".jpg", low, jpeg, new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, 25));
        Mat decoded = Imgcodecs.imdecode(jpeg, Imgcodecs.IMREAD_COLOR), lanczos = new Mat();
        Imgproc.resize(decoded, lanczos, truth.size(), 0, 0, Imgproc.INTER_LANCZOS4);
        Mat cleaned = SourceRestorer.deblock(io.realskin.texture.jpeg.JpegReader.read(jpeg.toArray()), 1);
        double learned = Core.PSNR(truth, UpscaleFilters.shipped().upscale2x(cleaned));
        double base = Core.PSNR(truth, UpscaleFilters.none().upscale2x(cleaned));
        double plain = Core.PSNR(truth, lanczos);
        // measured with the shipped filters: learned 36.4 dB, base 35.5, Lanczos 33.6
        assertTrue(learned > base + 0.5 && learned > plain + 0.5, "learned " + learned + " dB, base " + base + ", Lanczos " + plain);
    }

    private static double norm(float[] k) {
        double s = 0;
        for (float v : k) s += v * v;
        return s;
    }
}
