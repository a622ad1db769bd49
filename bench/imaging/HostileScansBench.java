import io.realskin.imaging.EmptyProgressiveJpegs;
import io.realskin.imaging.ImageLimits;
import io.realskin.imaging.ImageProbe;
import io.realskin.imaging.ImageRejectedException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * How long the probe takes to refuse a progressive 7000x7000 gray JPEG of a DC scan and 250 end-of-band AC scans
 * (0.5 MB, imaging's test class EmptyProgressiveJpegs; docs/texture-engine.md, "Hostile images"): wall and thread
 * CPU time of ImageProbe.probe(bytes, ImageLimits.DEFAULT): the first call in the JVM, and the median of 7 runs
 * after it and a second warm-up; and the refusal's message.
 * Run by bench/imaging/hostile-scans.
 */
public class HostileScansBench {
    public static void main(String[] args) {
        byte[] jpeg = EmptyProgressiveJpegs.of(7000, 7000, 250);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        String message = null;
        double[] wall = new double[7];
        double[] cpu = new double[7];
        double firstWall = 0;
        double firstCpu = 0;
        for (int i = -2; i < wall.length; i++) {
            long start = System.nanoTime();
            long startCpu = threads.getCurrentThreadCpuTime();
            try {
                ImageProbe.probe(jpeg, ImageLimits.DEFAULT);
                message = "taken";
            } catch (ImageRejectedException e) {
                message = e.code() + ": " + e.getMessage();
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
        System.out.printf("%.2f MB, 251 scans of 7000x7000 gray: probe first %.1f ms (CPU %.1f ms), then %.1f ms (CPU %.1f ms)"
                + " at the median of 7; %s%n", jpeg.length / 1e6, firstWall, firstCpu, wall[3], cpu[3], message);
    }
}
