import io.realskin.imaging.ImageProbe;
import io.realskin.imaging.PngData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * What a provider's answer costs RealSkin in each format it can ask for (docs/generation.md, "Output format"): each
 * picture resized to 2048 px wide, encoded by OpenCV as PNG (zlib level 6) and as JPEG at quality 95 (what the adapter
 * asks OpenAI for); prints the bytes of each and, in ms, the medians of 15 rounds after 3 warm-ups, the four
 * measurements taking turns in every round: the PNG's full decode (OpenCV), its proof ({@link PngData}: the inflate
 * of its image data and libpng's rules, what proves a PNG decodes), the JPEG's probe with its scan walk (what proves a
 * JPEG decodes) and the JPEG's full decode for comparison. One thread.
 * Run by bench/generation/formats: args PICTURE...
 */
public class AnswerFormatsBench {
    private static final int WIDTH = 2048;
    private static final int ROUNDS = 15;

    public static void main(String[] args) throws Exception {
        nu.pattern.OpenCV.loadLocally();
        System.out.println("picture | size | PNG MB | JPEG q95 MB | PNG decode | PNG proof | JPEG scan walk | JPEG decode");
        for (String file : args) {
            Mat picture = Imgcodecs.imdecode(new MatOfByte(Files.readAllBytes(Path.of(file))), Imgcodecs.IMREAD_COLOR);
            Mat resized = new Mat();
            int height = (int) Math.round((double) picture.rows() * WIDTH / picture.cols());
            Imgproc.resize(picture, resized, new Size(WIDTH, height), 0, 0, Imgproc.INTER_CUBIC);
            byte[] png = encode(resized, ".png", Imgcodecs.IMWRITE_PNG_COMPRESSION, 6);
            byte[] jpeg = encode(resized, ".jpg", Imgcodecs.IMWRITE_JPEG_QUALITY, 95);
            Runnable[] work = {() -> decode(png), () -> PngData.verify(png), () -> ImageProbe.probe(jpeg), () -> decode(jpeg)};
            double[][] ms = new double[work.length][ROUNDS];
            for (int round = -3; round < ROUNDS; round++) {
                for (int w = 0; w < work.length; w++) {
                    long start = System.nanoTime();
                    work[w].run();
                    if (round >= 0) {
                        ms[w][round] = (System.nanoTime() - start) / 1e6;
                    }
                }
            }
            System.out.printf("%s | %dx%d | %.2f | %.2f | %.1f | %.1f | %.1f | %.1f%n", Path.of(file).getFileName(), WIDTH, height,
                    png.length / 1e6, jpeg.length / 1e6, median(ms[0]), median(ms[1]), median(ms[2]), median(ms[3]));
            picture.release();
            resized.release();
        }
    }

    private static byte[] encode(Mat image, String extension, int option, int value) {
        MatOfByte out = new MatOfByte();
        Imgcodecs.imencode(extension, image, out, new MatOfInt(option, value));
        return out.toArray();
    }

    private static void decode(byte[] bytes) {
        MatOfByte buffer = new MatOfByte(bytes);
        Imgcodecs.imdecode(buffer, Imgcodecs.IMREAD_UNCHANGED).release();
        buffer.release();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
