package io.realskin.bench.texture;

import io.realskin.texture.engine.DecodedImage;
import io.realskin.imaging.ImageFormat;
import io.realskin.texture.engine.RestoreOptions;
import io.realskin.texture.engine.TextureEngine;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Speed and memory benchmark (issue 3, "Speed and memory"): a 12 MP portrait restored on one core, against one
 * 5x5 Gaussian blur of the same image measured in the same run; decode and encode printed apart; peak extra
 * resident memory of the restore against the decoded image's size (Linux /proc: clear_refs + VmHWM).
 * Usage: SpeedBench PORTRAIT [RUNS]
 */
public final class SpeedBench {
    public static void main(String[] args) throws Exception {
        Path src = Path.of(args[0]);
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        TextureEngine engine = new TextureEngine();
        Core.setNumThreads(1); // one core, for OpenCV's own parallel loops too
        // the 12 MP test image: the portrait resampled to 3000x4000 (or 4000x3000), JPEG q90 in memory
        Mat orig = Imgcodecs.imread(src.toString());
        boolean portrait = orig.rows() >= orig.cols();
        Mat twelve = new Mat();
        Imgproc.resize(orig, twelve, portrait ? new Size(3000, 4000) : new Size(4000, 3000), 0, 0, Imgproc.INTER_AREA);
        MatOfByte enc = new MatOfByte();
        Imgcodecs.imencode(".jpg", twelve, enc, new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, 90));
        byte[] jpeg = enc.toArray();
        orig.release();
        twelve.release();
        System.out.printf(Locale.ROOT, "image: %s resampled to %s, %.1f MP, JPEG %d bytes; OpenCV threads = %d%n",
                src.getFileName(), portrait ? "3000x4000" : "4000x3000", 12.0, jpeg.length, Core.getNumThreads());

        // warm up (JIT, model load, first allocations)
        try (DecodedImage d = engine.decode(jpeg)) {
            engine.restoreDecoded(d, RestoreOptions.defaults());
        }
        double[] decode = new double[runs], blur = new double[runs], restore = new double[runs], encode = new double[runs];
        double[] png = new double[runs], pngOpenCv = new double[runs];
        double[] restoreCpu = new double[runs], restoreFaults = new double[runs];
        long peakExtra = 0;
        long decodedBytes = 0;
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            DecodedImage d = engine.decode(jpeg);
            decode[i] = ms(t0);
            decodedBytes = d.pixels().total() * d.pixels().elemSize();
            Mat blurred = new Mat();
            // blur: median of 9 repetitions (it is short)
            double[] b = new double[9];
            for (int k = 0; k < b.length; k++) {
                long tb = System.nanoTime();
                Imgproc.GaussianBlur(d.pixels(), blurred, new Size(5, 5), 0);
                b[k] = ms(tb);
            }
            blur[i] = median(b);
            blurred.release();
            System.gc();
            long base = resetPeakAndReadRss();
            long f1 = threadPageFaults(), c1 = THREADS.getCurrentThreadCpuTime();
            long t1 = System.nanoTime();
            engine.restoreDecoded(d, RestoreOptions.defaults().withIntensity(50).withSeed(i));
            restore[i] = ms(t1);
            restoreCpu[i] = (THREADS.getCurrentThreadCpuTime() - c1) / 1e6;
            restoreFaults[i] = threadPageFaults() - f1;
            long peak = readStatusKb("VmHWM") * 1024;
            if (base > 0 && peak > 0) peakExtra = Math.max(peakExtra, peak - base);
            long t2 = System.nanoTime();
            byte[] out = engine.encode(d, ImageFormat.JPEG);
            encode[i] = ms(t2);
            if (out.length == 0) throw new IllegalStateException();
            long t3 = System.nanoTime();
            engine.encode(d, ImageFormat.PNG);
            png[i] = ms(t3);
            // what the engine wrote PNG with before its own encoder: OpenCV (libpng), compression level 3
            long t4 = System.nanoTime();
            Imgcodecs.imencode(".png", d.pixels(), new MatOfByte(), new MatOfInt(Imgcodecs.IMWRITE_PNG_COMPRESSION, 3));
            pngOpenCv[i] = ms(t4);
            d.close();
        }
        double mb = median(blur), mr = median(restore);
        System.out.println();
        System.out.println("| step (median of " + runs + " runs, one core)  | ms     |");
        System.out.println("|-------------------------------------|--------|");
        System.out.printf(Locale.ROOT, "| decode JPEG 12 MP                   | %6.1f |%n", median(decode));
        System.out.printf(Locale.ROOT, "| 5x5 Gaussian blur, same image       | %6.1f |%n", mb);
        System.out.printf(Locale.ROOT, "| restore (detect+mask+synth+blend)   | %6.1f |%n", mr);
        System.out.printf(Locale.ROOT, "|   its CPU time (this thread)        | %6.1f |%n", median(restoreCpu));
        System.out.printf(Locale.ROOT, "| encode JPEG                         | %6.1f |%n", median(encode));
        System.out.printf(Locale.ROOT, "| encode PNG (engine, PngEncoder)     | %6.1f |%n", median(png));
        System.out.printf(Locale.ROOT, "| encode PNG (OpenCV level 3, before) | %6.1f |%n", median(pngOpenCv));
        System.out.printf(Locale.ROOT, "restore / blur ratio: %.1fx (target <= 40x)%n", mr / mb);
        // a fresh buffer costs a fault per 4 KiB page on first touch: where that is slow (a VM), it shows here
        System.out.printf(Locale.ROOT, "page faults during a restore (this thread, median): %.0f%n", median(restoreFaults));
        if (peakExtra > 0) {
            System.out.printf(Locale.ROOT, "peak extra memory during restore: %.1f MB = %.2fx the decoded image (%.1f MB) (target <= 10x)%n",
                    peakExtra / 1e6, (double) peakExtra / decodedBytes, decodedBytes / 1e6);
        } else {
            System.out.println("peak extra memory: not measurable here (/proc/self/clear_refs unavailable)");
        }
        JpegPathBench.run(engine, jpeg, runs, median(decode), mr, median(encode));
        LocalityBench.run(engine, jpeg, runs);
    }

    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    /** Minor page faults of the calling thread so far (Linux), -1 elsewhere. */
    static long threadPageFaults() {
        try {
            String stat = Files.readString(Path.of("/proc/thread-self/stat"));
            return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[7]);
        } catch (Exception e) {
            return -1;
        }
    }

    static double ms(long t0) {
        return (System.nanoTime() - t0) / 1e6;
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /** Resets the kernel's peak-RSS mark (VmHWM) to the current RSS and returns the RSS in bytes. */
    static long resetPeakAndReadRss() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
        } catch (Exception e) {
            return -1;
        }
        return readStatusKb("VmRSS") * 1024;
    }

    static long readStatusKb(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(key + ":")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        } catch (Exception ignored) {
            // not Linux
        }
        return -1;
    }
}
