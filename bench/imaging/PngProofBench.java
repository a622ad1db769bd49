import io.realskin.imaging.PngData;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
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
 * What generation-service's proof of a PNG answer costs (docs/generation.md, "Output checks"): OpenCV's full decode
 * (imdecode, IMREAD_UNCHANGED: libpng's inflate, unfilter and BGR conversion into a new Mat), which it was, against
 * imaging's PngData.verify (chunk rules, CRCs, the inflate through 32 KB, filter types), which it is. Each portrait
 * given is resampled to 2, 4 and 6 MP and encoded by OpenCV twice: with its defaults (zlib level 1, Z_RLE, Sub filter) and at
 * zlib's default level 6 with libpng's adaptive filters (what bench/generation/formats encodes); per image the two
 * run in turn ROUNDS times after 3 warm-ups, one thread: best and median wall ms, median thread CPU ms.
 * Run by bench/imaging/png-proof: args ROUNDS PORTRAIT...
 */
public class PngProofBench {
    public static void main(String[] args) throws Exception {
        nu.pattern.OpenCV.loadLocally();
        int rounds = Integer.parseInt(args[0]);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (String file : Arrays.copyOfRange(args, 1, args.length)) {
            Mat portrait = Imgcodecs.imdecode(new MatOfByte(Files.readAllBytes(Path.of(file))), Imgcodecs.IMREAD_COLOR);
            for (int[] size : new int[][] {{1224, 1632}, {1732, 2309}, {2121, 2828}}) {
                Mat image = new Mat();
                Imgproc.resize(portrait, image, new Size(size[0], size[1]), 0, 0, Imgproc.INTER_AREA);
                for (int level : new int[] {-1, 6}) {
                MatOfByte encoded = new MatOfByte();
                Imgcodecs.imencode(".png", image, encoded, level < 0 ? new MatOfInt() : new MatOfInt(Imgcodecs.IMWRITE_PNG_COMPRESSION, level));
                byte[] png = encoded.toArray();
                if (!PngData.verify(png).proven()) throw new IllegalStateException("OpenCV's PNG is not proven");
                Runnable decode = () -> {
                    MatOfByte buffer = new MatOfByte(png);
                    Imgcodecs.imdecode(buffer, Imgcodecs.IMREAD_UNCHANGED).release();
                    buffer.release();
                };
                Runnable proof = () -> PngData.verify(png);
                for (int i = 0; i < 3; i++) {
                    decode.run();
                    proof.run();
                }
                double[][] wall = new double[2][rounds];
                double[][] cpu = new double[2][rounds];
                for (int r = 0; r < rounds; r++) {
                    Runnable[] both = {decode, proof};
                    for (int k = 0; k < 2; k++) {
                        long cpu0 = threads.getCurrentThreadCpuTime();
                        long t0 = System.nanoTime();
                        both[k].run();
                        wall[k][r] = (System.nanoTime() - t0) / 1e6;
                        cpu[k][r] = (threads.getCurrentThreadCpuTime() - cpu0) / 1e6;
                    }
                }
                System.out.printf("%s %.1f MP, %s, %.1f MB PNG: imdecode best %.1f / median %.1f ms (CPU %.1f); PngData best %.1f / median %.1f ms (CPU %.1f); median ratio %.2f%n",
                        Path.of(file).getFileName(), size[0] * (double) size[1] / 1e6,
                        level < 0 ? "OpenCV's defaults (level 1, Z_RLE, Sub)" : "zlib level 6 (adaptive filters)", png.length / 1e6,
                        best(wall[0]), median(wall[0]), median(cpu[0]), best(wall[1]), median(wall[1]), median(cpu[1]),
                        median(wall[1]) / median(wall[0]));
                }
                image.release();
            }
        }
    }

    private static double best(double[] ms) {
        return Arrays.stream(ms).min().orElseThrow();
    }

    private static double median(double[] ms) {
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
