package io.realskin.texture.engine;

import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Random;
import java.util.zip.Adler32;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The parallel PNG writer: every layout decodes to the exact pixels in two independent decoders. */
class PngEncoderTest {
    static {
        OpenCvLoader.load();
    }

    /** A photograph-like image: the portrait fixture resized, with the given depth and channels. */
    static Mat image(int width, int height, int depth, int channels) {
        Mat portrait = Fixtures.decode(Fixtures.bytes(Fixtures.REAL));
        Mat m = new Mat();
        Imgproc.resize(portrait, m, new Size(width, height));
        if (channels == 1) Imgproc.cvtColor(m, m, Imgproc.COLOR_BGR2GRAY);
        if (channels == 4) {
            Imgproc.cvtColor(m, m, Imgproc.COLOR_BGR2BGRA);
            Mat alpha = new Mat(height, width, CvType.CV_8U);
            Core.randu(alpha, 0, 256);
            Core.insertChannel(alpha, m, 3);
        }
        if (depth == CvType.CV_16U) {
            Mat noise = new Mat(m.size(), CvType.makeType(CvType.CV_16U, channels));
            Core.randu(noise, 0, 257);
            m.convertTo(m, CvType.CV_16U, 256);
            Core.add(m, noise, m); // all 16 bits in use
        }
        return m;
    }

    @Test
    void everyLayoutDecodesToTheSamePixelsInOpenCvAndImageIo() throws IOException {
        int[][] layouts = {{CvType.CV_8U, 1}, {CvType.CV_8U, 3}, {CvType.CV_8U, 4}, {CvType.CV_16U, 1}, {CvType.CV_16U, 3},
            {CvType.CV_16U, 4}};
        for (int[] layout : layouts) {
            // 700 rows of 3 or more bytes per pixel make several strips, so the joins between them are tested too
            Mat m = image(613, 700, layout[0], layout[1]);
            byte[] png = PngEncoder.encode(m, 3);
            String what = CvType.typeToString(m.type());
            Mat back = Imgcodecs.imdecode(new MatOfByte(png), Imgcodecs.IMREAD_UNCHANGED | Imgcodecs.IMREAD_ANYDEPTH);
            assertEquals(m.type(), back.type(), what);
            assertEquals(0.0, Core.norm(m, back, Core.NORM_INF), what + " through OpenCV");
            assertSameAsImageIo(m, ImageIO.read(new ByteArrayInputStream(png)), what);
        }
    }

    @Test
    void grayWithAlphaDecodesToTheSamePixelsInImageIo() throws IOException {
        // OpenCV reads gray + alpha back as BGRA, so ImageIO is the decoder that sees both samples as written
        for (int depth : new int[] {CvType.CV_8U, CvType.CV_16U}) {
            Mat gray = image(301, 700, depth, 1);
            Mat alpha = new Mat(gray.size(), gray.type());
            Core.randu(alpha, 0, depth == CvType.CV_8U ? 256 : 65536);
            Mat m = new Mat();
            Core.merge(List.of(gray, alpha), m);
            assertSameAsImageIo(m, ImageIO.read(new ByteArrayInputStream(PngEncoder.encode(m, 3))), CvType.typeToString(m.type()));
        }
    }

    @Test
    void tinyAndOddImagesWork() {
        for (int[] size : new int[][] {{1, 1}, {1, 300}, {300, 1}, {7, 5}}) {
            Mat m = new Mat(size[1], size[0], CvType.CV_8UC3);
            Core.randu(m, 0, 256);
            Mat back = Imgcodecs.imdecode(new MatOfByte(PngEncoder.encode(m, 2)), Imgcodecs.IMREAD_UNCHANGED);
            assertEquals(0.0, Core.norm(m, back, Core.NORM_INF), size[0] + "x" + size[1]);
        }
    }

    @Test
    void theBytesDoNotDependOnTheThreadCount() {
        Mat m = image(1200, 900, CvType.CV_8U, 3);
        byte[] one = PngEncoder.encode(m, 1);
        assertArrayEquals(one, PngEncoder.encode(m, 2));
        assertArrayEquals(one, PngEncoder.encode(m, 5));
    }

    @Test
    void adlerChecksumsCombineLikeZlibs() {
        Random random = new Random(3);
        byte[] data = new byte[200_000];
        random.nextBytes(data);
        for (int cut : new int[] {0, 1, 65520, 65521, 65522, 123_457, 200_000}) {
            Adler32 a = new Adler32(), b = new Adler32(), whole = new Adler32();
            a.update(data, 0, cut);
            b.update(data, cut, data.length - cut);
            whole.update(data);
            assertEquals(whole.getValue(), PngEncoder.adler32Combine(a.getValue(), b.getValue(), data.length - cut), "cut " + cut);
        }
    }

    @Test
    void onlyEightAndSixteenBitImagesAreItsOwn() {
        assertFalse(PngEncoder.supports(new Mat(4, 4, CvType.CV_32FC3)));
        assertTrue(PngEncoder.supports(new Mat(4, 4, CvType.CV_16UC4)));
    }

    /** ImageIO gives RGB(A) samples; OpenCV keeps B, G, R(, A). */
    private static void assertSameAsImageIo(Mat m, BufferedImage img, String what) {
        assertEquals(m.cols(), img.getWidth(), what);
        assertEquals(m.rows(), img.getHeight(), what);
        Raster r = img.getRaster();
        int channels = m.channels();
        assertEquals(channels, r.getNumBands(), what);
        boolean sixteen = CvType.depth(m.type()) == CvType.CV_16U;
        int[] expected = new int[m.cols() * channels];
        int[] actual = new int[m.cols() * channels];
        for (int y = 0; y < m.rows(); y++) {
            if (sixteen) {
                short[] row = new short[expected.length];
                m.get(y, 0, row);
                for (int i = 0; i < row.length; i++) expected[i] = row[i] & 0xFFFF;
            } else {
                byte[] row = new byte[expected.length];
                m.get(y, 0, row);
                for (int i = 0; i < row.length; i++) expected[i] = row[i] & 0xFF;
            }
            r.getPixels(0, y, m.cols(), 1, actual);
            for (int x = 0; x < m.cols(); x++) {
                for (int c = 0; c < channels; c++) {
                    int source = channels >= 3 && c < 3 ? 2 - c : c;
                    int e = expected[x * channels + source], a = actual[x * channels + c];
                    if (e != a) throw new AssertionError(what + " through ImageIO: (" + x + "," + y + ") channel " + c + ": " + a + " != " + e);
                }
            }
        }
    }
}
