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

    /**
     * The upscale in strips of rows (its features computed on each strip and UpscaleFeatures.HALO rows either side)
     * gives every image exactly the pixels of the whole image in one strip, as it was computed before: images
     * smaller than a strip, strips smaller than the halo, of one row, and strips whose edges fall inside a JPEG's
     * 16-row block rows; the 2x planes before rounding, the BGR result, and the result made consistent with the file.
     */
    @Test
    void theUpscaleInStripsIsExactlyTheWholeImagesUpscale() {
        UpscaleFilters f = UpscaleFilters.shipped();
        for (int[] size : new int[][]{{37, 23}, {83, 150}}) {
            Mat img = textured(size[0], size[1], size[0] * 31 + size[1]);
            float[][] whole = f.upscale2xYcc(img, Integer.MAX_VALUE);
            Mat wholeBgr = f.upscale2x(img, Integer.MAX_VALUE);
            for (int rows : size[1] < 50 ? new int[]{1, 5, 100} : new int[]{12, 31, UpscaleFeatures.HALO, 45}) {
                String what = size[0] + "x" + size[1] + " in strips of " + rows;
                float[][] strips = f.upscale2xYcc(img, rows);
                for (int c = 0; c < 3; c++) assertArrayEquals(whole[c], strips[c], what + ", plane " + c);
                assertEquals(0, Core.norm(wholeBgr, f.upscale2x(img, rows), Core.NORM_INF), what + ", BGR");
            }
        }
        Mat low = textured(96, 88, 7);
        io.realskin.texture.jpeg.JpegCoefficients file = io.realskin.texture.jpeg.JpegReader.read(
                Fixtures.encode(low, ".jpg", Imgcodecs.IMWRITE_JPEG_QUALITY, 30));
        Mat cleaned = SourceRestorer.deblock(file, 1);
        Mat whole = ConsistentUpscale.upscale2x(f, cleaned, file, Integer.MAX_VALUE);
        for (int rows : new int[]{12, 40}) {
            assertEquals(0, Core.norm(whole, ConsistentUpscale.upscale2x(f, cleaned, file, rows), Core.NORM_INF),
                    "consistent upscale in strips of " + rows);
        }
    }

    /** Skin-like colour with edges, blobs and grain, so every feature (slopes, buckets, detail) varies. */
    private static Mat textured(int w, int h, long seed) {
        java.util.Random r = new java.util.Random(seed);
        byte[] px = new byte[w * h * 3];
        r.nextBytes(px);
        Mat grain = new Mat(h, w, CvType.CV_8UC3), img = new Mat(h, w, CvType.CV_8UC3, new Scalar(60, 90, 140));
        grain.put(0, 0, px);
        Imgproc.GaussianBlur(grain, grain, new Size(0, 0), 1.5);
        for (int k = 0; k < 6; k++) {
            Imgproc.circle(img, new org.opencv.core.Point(r.nextInt(w), r.nextInt(h)), 3 + r.nextInt(Math.max(4, w / 3)),
                    new Scalar(r.nextInt(256), r.nextInt(256), r.nextInt(256)), -1, Imgproc.LINE_AA);
        }
        Core.addWeighted(img, 0.8, grain, 0.4, -40, img);
        return img;
    }

    private static double norm(float[] k) {
        double s = 0;
        for (float v : k) s += v * v;
        return s;
    }
}
