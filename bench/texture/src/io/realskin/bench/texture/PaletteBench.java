package io.realskin.bench.texture;

import io.realskin.texture.engine.FaceRestore;
import io.realskin.texture.engine.RestoreOptions;
import io.realskin.texture.engine.RestoreResult;
import io.realskin.texture.engine.ScoreReport;
import io.realskin.texture.engine.TextureEngine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Portraits reduced to 256 colours as GIFs, PNG8 files and web optimisers keep them (ImageMagick's quantiser, with
 * Floyd-Steinberg dithering and without): each one's plastic score in full colour and reduced, and the auto-intensity
 * restore of the dithered file (level, why skipped, energy after / target). Uses only what every engine version has, so
 * the same main runs against an older engine's jar (bench/texture/palette BEFORE_REV=...).
 * Usage: PaletteBench PORTRAITS_DIR CONVERT WORK_DIR
 */
public final class PaletteBench {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String convert = args[1];
        Path work = Files.createDirectories(Path.of(args[2]));
        TextureEngine engine = new TextureEngine();
        List<double[]> aiRows = new ArrayList<>();
        int fooled = 0, plasticAi = 0, inBand = 0, restored = 0;
        List<Double> landed = new ArrayList<>();
        System.out.printf(Locale.ROOT, "%-44s %7s %9s %9s | %s%n", "portrait", "score", "dithered", "no dither", "auto restore of the dithered file");
        for (String kind : new String[] {"ai", "real"}) {
            for (Path p : QualityBench.list(dir.resolve(kind))) {
                String name = p.getFileName().toString();
                Path fs = work.resolve(name + ".fs.png"), nd = work.resolve(name + ".nd.png");
                run(convert, p.toString(), "-dither", "FloydSteinberg", "-colors", "256", "PNG8:" + fs);
                run(convert, p.toString(), "+dither", "-colors", "256", "PNG8:" + nd);
                Double full = score(engine, p), dithered = score(engine, fs), plain = score(engine, nd);
                if (full == null) continue;
                RestoreResult r = engine.restore(Files.readAllBytes(fs), RestoreOptions.defaults().withAutoIntensity(true).withSeed(1));
                FaceRestore f = r.faceRestores().isEmpty() ? null : r.faceRestores().get(0);
                String restore = f == null ? "no face" : f.skipped() != null ? "skipped: " + f.skipped()
                        : String.format(Locale.ROOT, "level %d, energy after / target %.2f", f.intensity(), sq(f.after() / f.target()));
                System.out.printf(Locale.ROOT, "%-44s %7s %9s %9s | %s%n", kind + "/" + QualityBench.shorten(name), fmt(full), fmt(dithered),
                        fmt(plain), restore);
                if (kind.equals("ai") && full >= 0.5) {
                    plasticAi++;
                    if (dithered != null && dithered < 0.5) fooled++;
                }
                if (f != null && "in-band".equals(f.skipped())) inBand++;
                if (f != null && f.skipped() == null) {
                    restored++;
                    landed.add(sq(f.after() / f.target()));
                }
            }
        }
        System.out.printf(Locale.ROOT, "AI portraits scored plastic (>= 0.5) in full colour: %d; of those, dithered to 256 colours scored real (< 0.5): %d%n",
                plasticAi, fooled);
        System.out.printf(Locale.ROOT, "auto restore of the dithered files: %d restored (energy after / target, median %.2f), %d left in-band%n",
                restored, QualityBench.med(landed.stream().mapToDouble(Double::doubleValue).toArray()), inBand);
    }

    static Double score(TextureEngine engine, Path p) throws Exception {
        ScoreReport r = QualityBench.scoreOrSkip(engine, p);
        return r == null || r.faces().isEmpty() ? null : r.faces().get(0).plasticScore();
    }

    static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).inheritIO().start();
        if (p.waitFor() != 0) throw new IllegalStateException("failed: " + String.join(" ", command));
    }

    static double sq(double v) {
        return v * v;
    }

    static String fmt(Double d) {
        return d == null ? "null" : String.format(Locale.ROOT, "%.3f", d);
    }
}
