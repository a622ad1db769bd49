package io.realskin.bench.texture;

import io.realskin.texture.engine.TextureEngine;
import org.opencv.core.Mat;
import org.opencv.core.MatOfInt;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Whole processes, measured side by side in one run: texture-cli (and optionally the texture-cli of an earlier
 * revision) against ImageMagick's uniform noise ({@code convert IN -attenuate 0.6 +noise Gaussian OUT}) on the
 * same 12 MP PNG and JPEG, and the CLI's start (JVM, OpenCV, face models, a 0.1 MP score). The commands take
 * turns within each round, so a change of machine load hits all of them alike; medians of the wall time are printed,
 * and of the CPU time (user + system, from GNU time when /usr/bin/time exists), which a loaded machine blurs less.
 * Usage: ProcessBench PORTRAIT RUNS WORK_DIR CLI [BEFORE_CLI]; env CONVERT names ImageMagick's convert.
 */
public final class ProcessBench {
    public static void main(String[] args) throws Exception {
        Path portrait = Path.of(args[0]);
        int runs = Integer.parseInt(args[1]);
        Path work = Files.createDirectories(Path.of(args[2]));
        String cli = args[3];
        String before = args.length > 4 && !args[4].isBlank() ? args[4] : null;
        Inputs in = Inputs.make(portrait, work);
        String[] imageMagick = imageMagick();
        String convert = imageMagick == null ? null : imageMagick[0];

        System.out.printf(Locale.ROOT, "%nwhole process, median of %d runs (one warm-up each), %d cores, load %s%n", runs,
                Runtime.getRuntime().availableProcessors(), load());
        System.out.println("  after:  " + cli);
        if (before != null) System.out.println("  before: " + before);
        System.out.println("  ImageMagick: " + (convert == null ? "not found (install imagemagick, or set CONVERT): its column is skipped"
                : convert + " (" + imageMagick[1] + ")"));

        List<Row> rows = new ArrayList<>();
        rows.add(measure("start + model load + 0.1 MP score", runs, commands(null, before, cli,
                c -> List.of(c, "score", in.face.toString()))));
        rows.add(measure("restore 12 MP PNG -> PNG", runs, commands(convert == null ? null
                : List.of(convert, in.png.toString(), "-attenuate", "0.6", "+noise", "Gaussian", work.resolve("im.png").toString()),
                before, cli, c -> List.of(c, "restore", in.png.toString(), work.resolve(name(c) + ".png").toString()))));
        rows.add(measure("restore 12 MP JPEG -> JPEG", runs, commands(convert == null ? null
                : List.of(convert, in.jpeg.toString(), "-attenuate", "0.6", "+noise", "Gaussian", work.resolve("im.jpg").toString()),
                before, cli, c -> List.of(c, "restore", in.jpeg.toString(), work.resolve(name(c) + ".jpg").toString()))));

        System.out.println();
        System.out.println("| whole process, median ms                     | ImageMagick |   before |    after | after / IM | before / IM | after / before |");
        System.out.println("|----------------------------------------------|-------------|----------|----------|------------|-------------|----------------|");
        for (Row r : rows) {
            print(r.name + ", wall", r.median("im"), r.median("before"), r.median("after"));
            if (r.medianCpu("after") != null) print(r.name + ", CPU", r.medianCpu("im"), r.medianCpu("before"), r.medianCpu("after"));
        }
        System.out.printf(Locale.ROOT, "targets: PNG after / IM <= 0.70, JPEG after / IM <= 0.40, start + model load <= 300 ms; load now %s%n", load());
    }

    interface Argv {
        List<String> of(String cli);
    }

    /** The commands of one row: ImageMagick's (or null), the earlier CLI's (or none), the CLI's. */
    static Map<String, List<String>> commands(List<String> imageMagick, String before, String after, Argv argv) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (imageMagick != null) out.put("im", imageMagick);
        if (before != null) out.put("before", argv.of(before));
        out.put("after", argv.of(after));
        return out;
    }

    static String name(String cli) {
        return Integer.toHexString(cli.hashCode());
    }

    record Row(String name, Map<String, double[]> wall, Map<String, double[]> cpu) {
        Double median(String key) {
            return median(wall.get(key));
        }

        Double medianCpu(String key) {
            Double m = median(cpu.get(key));
            return m == null || m.isNaN() ? null : m;
        }

        static Double median(double[] t) {
            if (t == null) return null;
            double[] s = t.clone();
            Arrays.sort(s);
            return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
        }
    }

    static Row measure(String name, int runs, Map<String, List<String>> commands) throws Exception {
        Map<String, double[]> wall = new LinkedHashMap<>(), cpu = new LinkedHashMap<>();
        for (String key : commands.keySet()) {
            run(commands.get(key)); // warm-up: disk cache, the CLI's first-run build
            wall.put(key, new double[runs]);
            cpu.put(key, new double[runs]);
        }
        for (int i = 0; i < runs; i++) {
            for (Map.Entry<String, List<String>> c : commands.entrySet()) {
                double[] t = run(c.getValue());
                wall.get(c.getKey())[i] = t[0];
                cpu.get(c.getKey())[i] = t[1];
            }
        }
        Row row = new Row(name, wall, cpu);
        StringBuilder line = new StringBuilder("  " + name + ":");
        for (String key : wall.keySet()) {
            line.append(String.format(Locale.ROOT, " %s %s ms (cpu %s ms)", key, ms(row.median(key)), ms(row.medianCpu(key))));
        }
        System.out.println(line);
        return row;
    }

    /** GNU time, when the machine has it: the CPU time of each command comes from it. */
    static final Path TIME = Path.of("/usr/bin/time");

    /** Runs a command to its end; returns its wall time and (when GNU time is there) its CPU time, in ms. */
    static double[] run(List<String> command) throws IOException, InterruptedException {
        Path cpuFile = Files.isExecutable(TIME) ? Files.createTempFile("process-bench", ".time") : null;
        List<String> argv = new ArrayList<>();
        if (cpuFile != null) argv.addAll(List.of(TIME.toString(), "-f", "%U %S", "-o", cpuFile.toString()));
        argv.addAll(command);
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(argv).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("timed out: " + command);
        }
        double wall = (System.nanoTime() - t0) / 1e6;
        if (p.exitValue() != 0) throw new IllegalStateException("exit " + p.exitValue() + ": " + String.join(" ", command));
        double cpu = Double.NaN;
        if (cpuFile != null) {
            String[] f = Files.readString(cpuFile).trim().split("\\s+");
            cpu = (Double.parseDouble(f[f.length - 2]) + Double.parseDouble(f[f.length - 1])) * 1000;
            Files.deleteIfExists(cpuFile);
        }
        return new double[] {wall, cpu};
    }

    /** ImageMagick's convert (env CONVERT, else convert on the PATH) and its version line; null when there is none. */
    static String[] imageMagick() throws InterruptedException {
        String convert = System.getenv().getOrDefault("CONVERT", "convert");
        try {
            Process p = new ProcessBuilder(convert, "-version").redirectErrorStream(true).start();
            String version = new String(p.getInputStream().readAllBytes()).lines().findFirst().orElse("");
            p.waitFor();
            return p.exitValue() == 0 && version.contains("ImageMagick") ? new String[] {convert, version.trim()} : null;
        } catch (IOException e) {
            return null;
        }
    }

    static String load() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "n/a";
        }
    }

    static void print(String name, Double im, Double b, Double a) {
        System.out.printf(Locale.ROOT, "| %-44s | %11s | %8s | %8s | %10s | %11s | %14s |%n", name, ms(im), ms(b), ms(a),
                ratio(a, im), ratio(b, im), ratio(a, b));
    }

    static String ms(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.0f", v);
    }

    static String ratio(Double a, Double b) {
        return a == null || b == null ? "-" : String.format(Locale.ROOT, "%.2fx", a / b);
    }

    /** The test files: the portrait resampled to 12 MP (PNG, and JPEG q90), and a 320 px copy for the start row. */
    record Inputs(Path png, Path jpeg, Path face) {
        static Inputs make(Path portrait, Path work) {
            new TextureEngine(); // loads OpenCV
            Mat orig = Imgcodecs.imread(portrait.toString());
            boolean upright = orig.rows() >= orig.cols();
            Mat twelve = new Mat(), small = new Mat();
            Imgproc.resize(orig, twelve, upright ? new Size(3000, 4000) : new Size(4000, 3000), 0, 0, Imgproc.INTER_AREA);
            double k = 320.0 / Math.max(orig.rows(), orig.cols());
            Imgproc.resize(orig, small, new Size(), k, k, Imgproc.INTER_AREA);
            Inputs in = new Inputs(work.resolve("in12.png"), work.resolve("in12.jpg"), work.resolve("face320.png"));
            Imgcodecs.imwrite(in.png.toString(), twelve);
            Imgcodecs.imwrite(in.jpeg.toString(), twelve, new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, 90));
            Imgcodecs.imwrite(in.face.toString(), small);
            System.out.printf(Locale.ROOT, "inputs: %s resampled to %dx%d: %s (%.1f MB), %s (%.1f MB); %s%n", portrait.getFileName(),
                    twelve.cols(), twelve.rows(), in.png.getFileName(), in.png.toFile().length() / 1e6, in.jpeg.getFileName(),
                    in.jpeg.toFile().length() / 1e6, in.face.getFileName());
            for (Mat m : new Mat[] {orig, twelve, small}) m.release();
            return in;
        }
    }

    private ProcessBench() {
    }
}
