package io.realskin.bench.texture;

import io.realskin.texture.engine.RestoreOptions;
import io.realskin.texture.engine.RestoreResult;
import io.realskin.texture.engine.TextureEngine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The JPEG coefficient path's steps (issue 16, part 2) timed from the engine's progress marks, beside the pixel
 * path (full decode, restore, full encode) measured in the same run.
 */
final class JpegPathBench {
    private static final String[] STEPS = {
        "entropy decode (coefficients)", "preview IDCT (low frequencies)", "face detection on the preview",
        "IDCT of the face regions", "engine (mask, synthesis, blend)", "DCT + quantise changed blocks",
        "their regions' IDCT again, faces rescored", "entropy encode (baseline, optimised)",
        "locality receipt (decode in + out, compare, hash)"};

    private JpegPathBench() {
    }

    /** Prints the step table; {@code pixelPathMs} = decode + restore + encode medians of the pixel path. */
    static void run(TextureEngine engine, byte[] jpeg, int runs, double decodeMs, double restoreMs, double encodeMs) {
        double[][] steps = new double[STEPS.length][runs];
        double[] total = new double[runs];
        RestoreResult last = null;
        for (int i = -1; i < runs; i++) { // run -1 warms up
            List<long[]> marks = new ArrayList<>();
            long t0 = System.nanoTime();
            marks.add(new long[] {0, t0});
            RestoreResult r = engine.restore(jpeg, RestoreOptions.defaults().withIntensity(50).withSeed(Math.max(i, 0))
                    .withProgress((stage, f) -> marks.add(new long[] {code(stage, f), System.nanoTime()})));
            long end = System.nanoTime();
            if (i < 0) continue;
            last = r;
            total[i] = (end - t0) / 1e6;
            // step k runs from mark k to mark k + 1 (the marks the coefficient path emits, in order)
            long[] at = new long[STEPS.length + 1];
            int[] wanted = {0, code("detection", 0), code("detection", 0.25), code("detection", 0.5), code("detection", 1),
                code("encode", 0), code("encode", 0.25), code("encode", 0.5), code("encode", 1), code("locality", 1)};
            for (int k = 0; k < wanted.length; k++) {
                for (long[] m : marks) if (m[0] == wanted[k]) at[k] = m[1];
            }
            for (int k = 0; k < STEPS.length; k++) steps[k][i] = (at[k + 1] - at[k]) / 1e6;
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "JPEG in, JPEG out (coefficient path): %s, %d of %d blocks recomputed%n", last.jpeg().path(),
                last.jpeg().blocksRecomputed(), last.jpeg().blocksRecomputed() + last.jpeg().blocksCopied());
        System.out.println("| step (median of " + runs + " runs, one core)        | ms     |");
        System.out.println("|--------------------------------------------|--------|");
        for (int k = 0; k < STEPS.length; k++) {
            System.out.printf(Locale.ROOT, "| %-42s | %6.1f |%n", STEPS[k], SpeedBench.median(steps[k]));
        }
        double coefficient = SpeedBench.median(total), pixel = decodeMs + restoreMs + encodeMs;
        System.out.printf(Locale.ROOT, "| %-42s | %6.1f |%n", "whole restore, coefficient path", coefficient);
        System.out.printf(Locale.ROOT, "| %-42s | %6.1f |%n", "pixel path: decode + restore + encode", pixel);
        System.out.printf(Locale.ROOT, "coefficient path / pixel path: %.2fx%n", coefficient / pixel);
    }

    private static int code(String stage, double fraction) {
        return stage.hashCode() * 31 + (int) Math.round(fraction * 100);
    }
}
