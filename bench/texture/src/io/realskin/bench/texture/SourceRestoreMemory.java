package io.realskin.bench.texture;

import io.realskin.texture.engine.SourceRestorer;
import io.realskin.texture.engine.TextureEngine;
import org.opencv.core.Mat;
import org.opencv.core.MatOfInt;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The heap a whole {@code texture-cli source-restore} needs: the portrait resampled to each size (3:4, JPEG q85), run
 * with each maximum heap (upscale 2, then upscale 1 at the smallest heap), one process per run under GNU time. Prints
 * the exit (ok, refused as too large before the work, or failed), the wall and CPU time, the peak resident memory,
 * the first line the CLI wrote on a failure, and the engine's reservation for the 2x upscale
 * ({@link SourceRestorer#upscaleHeapBytes}); then, per size, the smallest heap that served it. The figures of
 * docs/texture-engine.md ("source-restore", Memory) come from this.
 * Usage: SourceRestoreMemory PORTRAIT WORK_DIR CLI MEGAPIXELS(comma) HEAPS_MIB(comma)
 */
public final class SourceRestoreMemory {
    public static void main(String[] args) throws Exception {
        Path portrait = Path.of(args[0]);
        Path work = Files.createDirectories(Path.of(args[1]));
        String cli = args[2];
        List<Double> megapixels = numbers(args[3]);
        List<Double> heaps = numbers(args[4]);
        if (!Files.isExecutable(ProcessBench.TIME)) {
            throw new IllegalStateException("needs GNU time at " + ProcessBench.TIME + " (Debian package time) for the peak memory");
        }
        new TextureEngine(); // loads OpenCV
        Mat original = Imgcodecs.imread(portrait.toString());
        System.out.printf(Locale.ROOT, "source-restore memory: %s, %d cores, load %s%n", portrait.getFileName(),
                Runtime.getRuntime().availableProcessors(), ProcessBench.load());
        System.out.println();
        System.out.println("| input | upscale | -Xmx MiB | 2x reservation MiB | exit | wall s | CPU s | peak RSS MiB | said |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        List<String> smallest = new ArrayList<>();
        for (double mp : megapixels) {
            int width = (int) Math.round(Math.sqrt(mp * 1e6 * 3 / 4)) & ~1;
            int height = width / 3 * 4;
            Path input = work.resolve(String.format(Locale.ROOT, "in-%dx%d.jpg", width, height));
            Mat resized = new Mat();
            Imgproc.resize(original, resized, new Size(width, height), 0, 0, Imgproc.INTER_AREA);
            Imgcodecs.imwrite(input.toString(), resized, new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, 85));
            long reservation = (SourceRestorer.upscaleHeapBytes(width, height) + (1 << 20) - 1) >> 20; // as the CLI's refusal rounds
            String size = String.format(Locale.ROOT, "%dx%d (%.1f MP)", width, height, width * (double) height / 1e6);
            Double served = null;
            for (double heap : heaps) {
                Run r = run(cli, input, work.resolve("out.jpg"), 2, (long) heap);
                print(size, 2, (long) heap, reservation, r);
                if (r.exit == 0 && served == null) served = heap;
            }
            Run one = run(cli, input, work.resolve("out.jpg"), 1, heaps.get(0).longValue());
            print(size, 1, heaps.get(0).longValue(), 0, one);
            smallest.add(String.format(Locale.ROOT, "%s: upscale 2 at %s, upscale 1 %s at -Xmx%dm", size,
                    served == null ? "none of the heaps tried" : String.format(Locale.ROOT, "-Xmx%dm", served.longValue()),
                    one.exit == 0 ? "ok" : "failed", heaps.get(0).longValue()));
        }
        System.out.println();
        smallest.forEach(s -> System.out.println("smallest heap tried that served " + s));
        System.out.printf(Locale.ROOT, "load now %s%n", ProcessBench.load());
    }

    record Run(int exit, double wallSeconds, double cpuSeconds, long peakMib, String said) {
    }

    static Run run(String cli, Path in, Path out, int upscale, long heapMib) throws Exception {
        Path timing = Files.createTempFile("source-restore-memory", ".time");
        Path err = Files.createTempFile("source-restore-memory", ".err");
        ProcessBuilder pb = new ProcessBuilder(ProcessBench.TIME.toString(), "-f", "%U %S %M", "-o", timing.toString(),
                cli, "source-restore", in.toString(), out.toString(), "--upscale", Integer.toString(upscale))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile());
        pb.environment().put("TEXTURE_CLI_JAVA_OPTS", "-Xmx" + heapMib + "m");
        long t0 = System.nanoTime();
        Process p = pb.start();
        if (!p.waitFor(15, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("timed out: " + pb.command());
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        // GNU time writes "Command exited with non-zero status N" before its line when the command failed
        List<String> lines = Files.readAllLines(timing);
        String[] f = lines.get(lines.size() - 1).trim().split("\\s+");
        String said = p.exitValue() == 0 ? "" : Files.readAllLines(err).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("[ WARN") && !l.contains("libpng warning")).findFirst().orElse("");
        Files.deleteIfExists(timing);
        Files.deleteIfExists(err);
        return new Run(p.exitValue(), wall, Double.parseDouble(f[0]) + Double.parseDouble(f[1]), Long.parseLong(f[2]) >> 10, said);
    }

    static void print(String size, int upscale, long heap, long reservation, Run r) {
        String exit = switch (r.exit) {
            case 0 -> "ok";
            case 2 -> "2 (refused)";
            default -> r.exit + " (failed)";
        };
        System.out.printf(Locale.ROOT, "| %s | %d | %d | %s | %s | %.1f | %.1f | %d | %s |%n", size, upscale, heap,
                upscale == 2 ? Long.toString(reservation) : "-", exit, r.wallSeconds, r.cpuSeconds, r.peakMib,
                r.said.length() > 160 ? r.said.substring(0, 160) + "..." : r.said);
    }

    static List<Double> numbers(String commaSeparated) {
        List<Double> out = new ArrayList<>();
        for (String s : commaSeparated.split(",")) out.add(Double.parseDouble(s.trim()));
        return out;
    }
}
