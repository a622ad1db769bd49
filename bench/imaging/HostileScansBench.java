import io.realskin.imaging.EmptyProgressiveJpegs;
import io.realskin.imaging.ImageInfo;
import io.realskin.imaging.ImageLimits;
import io.realskin.imaging.ImageProbe;
import io.realskin.imaging.ImageRejectedException;
import io.realskin.imaging.TestImages;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * How long the probe takes to refuse hostile JPEGs (docs/texture-engine.md, "Hostile images"): a progressive 7000x7000
 * gray JPEG of a DC scan and 250 end-of-band AC scans (0.5 MB, imaging's test class EmptyProgressiveJpegs), and a frame
 * header announcing 7000x7000 over the 1-2 KB of data of a 64x48 image (TestImages.jpeg: baseline colour, progressive
 * gray, colour with a restart marker every MCU), which the probe finds truncated. Wall and thread CPU time of
 * ImageProbe.probe(bytes, ImageLimits.DEFAULT): the first call in the JVM, and the median of 7 runs after it and a
 * second warm-up; and the outcome.
 * Run by bench/imaging/hostile-scans.
 */
public class HostileScansBench {
    public static void main(String[] args) {
        probe("251 scans of 7000x7000 gray", EmptyProgressiveJpegs.of(7000, 7000, 250));
        probe("7000x7000 frame over 64x48 baseline colour data", framed(TestImages.jpeg(64, 48, false, false, 0)));
        probe("7000x7000 frame over 64x48 progressive gray data", framed(TestImages.jpeg(64, 48, true, true, 0)));
        probe("7000x7000 frame over 64x48 colour data, restart every MCU", framed(TestImages.jpeg(64, 48, false, false, 1)));
    }

    /** The JPEG with its frame header (SOF0 or SOF2) saying 7000x7000. */
    private static byte[] framed(byte[] jpeg) {
        int sof = TestImages.indexOf(jpeg, 0xC0) > 0 ? TestImages.indexOf(jpeg, 0xC0) : TestImages.indexOf(jpeg, 0xC2);
        ByteBuffer.wrap(jpeg, sof + 5, 4).putShort((short) 7000).putShort((short) 7000);
        return jpeg;
    }

    private static void probe(String what, byte[] jpeg) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        String outcome = null;
        double[] wall = new double[7];
        double[] cpu = new double[7];
        double firstWall = 0;
        double firstCpu = 0;
        for (int i = -2; i < wall.length; i++) {
            long start = System.nanoTime();
            long startCpu = threads.getCurrentThreadCpuTime();
            try {
                ImageInfo info = ImageProbe.probe(jpeg, ImageLimits.DEFAULT);
                outcome = info.complete() ? "taken" : "incomplete (refused as truncated)";
            } catch (ImageRejectedException e) {
                outcome = e.code() + ": " + e.getMessage();
            }
            if (i == -2) {
                firstWall = (System.nanoTime() - start) / 1e6;
                firstCpu = (threads.getCurrentThreadCpuTime() - startCpu) / 1e6;
            } else if (i >= 0) {
                wall[i] = (System.nanoTime() - start) / 1e6;
                cpu[i] = (threads.getCurrentThreadCpuTime() - startCpu) / 1e6;
            }
        }
        Arrays.sort(wall);
        Arrays.sort(cpu);
        System.out.printf("%s, %.3f MB: probe first %.1f ms (CPU %.1f ms), then %.2f ms (CPU %.2f ms) at the median of 7; %s%n",
                what, jpeg.length / 1e6, firstWall, firstCpu, wall[3], cpu[3], outcome);
    }
}
