import io.realskin.imaging.ImageProbe;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.LongSupplier;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * What the probe's walk of a JPEG's scans costs (docs/generation.md, "Known limits"; docs/api.md, "Images") against
 * the decodes it guards: a portrait resampled to 12 MP (3000x4000) and 4 MP (1732x2309), JPEG q90 baseline and
 * progressive, encoded by OpenCV in memory; per image the median of 9 runs after 3 warm-ups, in ms, one thread:
 * ImageProbe.probe (header + scan walk; its thread's CPU time too, which a loaded machine disturbs less), imdecode of
 * all pixels, and generation-service's proof decode (1/8, gray).
 * Run by bench/imaging/run: args PORTRAIT.
 */
public class ScanCheckBench {
    public static void main(String[] args) throws Exception {
        nu.pattern.OpenCV.loadLocally();
        Mat portrait = Imgcodecs.imdecode(new MatOfByte(Files.readAllBytes(Path.of(args[0]))), Imgcodecs.IMREAD_COLOR);
        for (int[] size : new int[][] {{3000, 4000}, {1732, 2309}}) {
            Mat image = new Mat();
            Imgproc.resize(portrait, image, new Size(size[0], size[1]), 0, 0, Imgproc.INTER_AREA);
            for (boolean progressive : new boolean[] {false, true}) {
                MatOfByte encoded = new MatOfByte();
                Imgcodecs.imencode(".jpg", image, encoded, new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, 90,
                        Imgcodecs.IMWRITE_JPEG_PROGRESSIVE, progressive ? 1 : 0));
                byte[] jpeg = encoded.toArray();
                if (!ImageProbe.probe(jpeg).complete()) throw new IllegalStateException("the probe calls a whole JPEG truncated");
                double probe = median(() -> ImageProbe.probe(jpeg));
                ThreadMXBean threads = ManagementFactory.getThreadMXBean();
                double probeCpu = median(() -> ImageProbe.probe(jpeg), threads::getCurrentThreadCpuTime);
                double full = median(() -> decode(jpeg, Imgcodecs.IMREAD_UNCHANGED));
                double proof = median(() -> decode(jpeg, Imgcodecs.IMREAD_REDUCED_GRAYSCALE_8 | Imgcodecs.IMREAD_IGNORE_ORIENTATION));
                System.out.printf("%.0f MP %-11s %.1f MB: probe with scan walk %.1f ms (CPU %.1f ms), imdecode all %.1f ms, imdecode 1/8 gray %.1f ms%n",
                        size[0] * (double) size[1] / 1e6, progressive ? "progressive" : "baseline", jpeg.length / 1e6, probe, probeCpu,
                        full, proof);
            }
            image.release();
        }
    }

    private static void decode(byte[] jpeg, int flags) {
        MatOfByte buffer = new MatOfByte(jpeg);
        Mat decoded = Imgcodecs.imdecode(buffer, flags);
        decoded.release();
        buffer.release();
    }

    private static double median(Runnable run) {
        return median(run, System::nanoTime);
    }

    /** @param clock nanoseconds: System.nanoTime, or this thread's CPU time */
    private static double median(Runnable run, LongSupplier clock) {
        for (int i = 0; i < 3; i++) run.run();
        double[] ms = new double[9];
        for (int i = 0; i < ms.length; i++) {
            long start = clock.getAsLong();
            run.run();
            ms[i] = (clock.getAsLong() - start) / 1e6;
        }
        Arrays.sort(ms);
        return ms[ms.length / 2];
    }
}
