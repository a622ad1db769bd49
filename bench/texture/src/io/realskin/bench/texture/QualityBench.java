package io.realskin.bench.texture;

import io.realskin.imaging.ImageLimits;
import io.realskin.texture.engine.DecodedImage;
import io.realskin.texture.engine.FaceDetection;
import io.realskin.texture.engine.FaceOutcome;
import io.realskin.texture.engine.FaceRegion;
import io.realskin.texture.engine.MeasuredFace;
import io.realskin.texture.engine.RestoreOptions;
import io.realskin.texture.engine.TextureEngine;
import io.realskin.texture.engine.TextureModel;
import io.realskin.texture.engine.TextureTarget;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Quality benchmark of the texture engine on shared/portraits (issue 13), new engine beside the old one on the same
 * images. Every real photograph is plasticized ({@link Plasticizer}) and restored; "energy ratio" = restored skin
 * fine-band energy / the original photograph's, on the original's skin mask of its main face. The new engine's
 * figures are leave-one-source-out: a photograph is restored, and every face scored, by the model fitted without its
 * source. The old engine is the one of commit 5a68254 (bench/texture/legacy-engine), as it shipped.
 * Usage: QualityBench PORTRAITS_DIR WORK_DIR [LEGACY_CLASSPATH]
 */
public final class QualityBench {
    record Row(String file, String source, double ePlastic, double e50, double eAuto, double e100, double eAgain, double level,
               double clamp100, int aboveAtStart, double outside, boolean receiptOk, double seam, double psnr, double old50, double oldOutside) {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Path work = Path.of(args[1]);
        LegacyEngine legacy = args.length > 2 && !args[2].isBlank() ? new LegacyEngine(args[2]) : null;
        Portraits portraits = Portraits.read(dir);
        TextureEngine engine = new TextureEngine();
        Measurements m = Measurements.of(engine, portraits, work.resolve("plasticized"));
        Map<String, TextureModel> folds = ModelFit.leaveOneSourceOut(engine.model(), m.samples);
        Map<String, TextureEngine> foldEngines = new HashMap<>();

        List<Row> rows = new ArrayList<>();
        for (Measurements.Plasticized p : m.plasticized) {
            long t0 = System.nanoTime();
            TextureEngine fold = foldEngines.computeIfAbsent(p.entry().source(),
                    s -> new TextureEngine(ImageLimits.DEFAULT, folds.get(s)));
            rows.add(benchOne(fold, legacy, dir, p));
            System.err.printf(Locale.ROOT, "  restored %-52s %.1f s%n", p.entry().file(), (System.nanoTime() - t0) / 1e9);
        }
        ScoreEvaluation scores = ScoreEvaluation.of(m.samples, s -> folds.get(s.source()));
        OldScores old = legacy == null ? null : OldScores.of(legacy, dir, portraits, m);
        print(rows, scores, old, m, folds.size());
    }

    static Row benchOne(TextureEngine engine, LegacyEngine legacy, Path dir, Measurements.Plasticized p) throws Exception {
        Mat orig = Imgcodecs.imdecode(new MatOfByte(Files.readAllBytes(p.entry().path(dir))), Imgcodecs.IMREAD_COLOR);
        FaceDetection face = p.faces().get(0);
        List<MeasuredFace> ref = MeasuredFace.measure(orig, List.of(face), p.jpegQuality());
        Mat mask = ref.get(0).mask();
        double eOrig = Measurements.energy(orig, face, mask);
        Mat plast;
        Mat influence;
        try (DecodedImage d = Measurements.decodePng(p.png(), p.jpegQuality())) {
            plast = d.pixels().clone();
            influence = engine.influenceMap(plast, p.jpegQuality());
        }
        Restored r50 = restore(engine, p, RestoreOptions.defaults().withIntensity(50).withSeed(7));
        Restored auto = restore(engine, p, RestoreOptions.defaults().withAutoIntensity().withSeed(7));
        Restored r100 = restore(engine, p, RestoreOptions.defaults().withIntensity(100).withSeed(7));
        // auto on its own output: how much a second pass adds
        double eAgain;
        try (DecodedImage again = DecodedImage.of(auto.pixels.clone(), p.jpegQuality() < 100
                ? io.realskin.imaging.ImageFormat.JPEG : io.realskin.imaging.ImageFormat.PNG, p.jpegQuality())) {
            engine.restoreDecoded(again, RestoreOptions.defaults().withAutoIntensity().withSeed(8));
            eAgain = Measurements.energy(again.pixels(), face, mask);
        }
        // the clamp limits what is added: among the faces that gained texture, the highest end; a face that was already
        // above 2x its target gains nothing and is counted apart
        double clamp100 = r100.outcome.faceOutcomes().stream().filter(f -> f.after() > f.before())
                .mapToDouble(FaceOutcome::afterOverTarget).filter(v -> !Double.isNaN(v)).max().orElse(0);
        int aboveAtStart = (int) r100.outcome.faceOutcomes().stream().filter(f -> f.before() > TextureTarget.CLAMP * f.target()).count();
        double outside = maxDiffOutside(plast, r50.pixels, influence);
        double seam = seam(r50.pixels, orig, face, mask);
        double old50 = Double.NaN, oldOutside = Double.NaN;
        if (legacy != null) {
            byte[] out = legacy.restore(Files.readAllBytes(p.png()), 50, 7);
            Mat restored = Imgcodecs.imdecode(new MatOfByte(out), Imgcodecs.IMREAD_COLOR);
            old50 = Measurements.energy(restored, face, mask) / eOrig;
            Mat oldInfluence = legacy.influenceMap(plast);
            oldOutside = maxDiffOutside(plast, restored, oldInfluence);
            restored.release();
            oldInfluence.release();
        }
        Row row = new Row(p.entry().file(), p.entry().source(), Measurements.energy(plast, face, mask) / eOrig,
                Measurements.energy(r50.pixels, face, mask) / eOrig, Measurements.energy(auto.pixels, face, mask) / eOrig,
                Measurements.energy(r100.pixels, face, mask) / eOrig, eAgain / Math.max(1e-12, Measurements.energy(auto.pixels, face, mask)),
                auto.outcome.faceOutcomes().isEmpty() ? Double.NaN : auto.outcome.faceOutcomes().get(0).level(), clamp100, aboveAtStart, outside,
                r50.outcome.receipt().outsideUnchanged() && auto.outcome.receipt().outsideUnchanged(), seam, blurredPsnr(plast, r50.pixels),
                old50, oldOutside);
        ref.forEach(MeasuredFace::close);
        for (Mat x : new Mat[] {orig, plast, influence, r50.pixels, auto.pixels, r100.pixels}) x.release();
        return row;
    }

    record Restored(Mat pixels, TextureEngine.Outcome outcome) {
    }

    static Restored restore(TextureEngine engine, Measurements.Plasticized p, RestoreOptions options) throws Exception {
        try (DecodedImage d = Measurements.decodePng(p.png(), p.jpegQuality())) {
            TextureEngine.Outcome o = engine.restoreDecoded(d, options);
            return new Restored(d.pixels().clone(), o);
        }
    }

    /**
     * Seam: fine-band energy in the ring at the mask's edge (feather zone and 4 analysis px beyond) relative to the
     * mask's core, in the restored image, divided by the same ratio in the original photograph: 1 = the edge looks as
     * it did in the photo; a visible band of texture would push it up, a hard cut down.
     */
    static double seam(Mat restored, Mat original, FaceDetection face, Mat mask) {
        Mat core = new Mat(), any = new Mat(), ring = new Mat();
        try {
            Imgproc.threshold(mask, core, 0.5, 255, Imgproc.THRESH_BINARY);
            core.convertTo(core, CvType.CV_8U);
            Imgproc.threshold(mask, any, 0, 255, Imgproc.THRESH_BINARY);
            any.convertTo(any, CvType.CV_8U);
            Imgproc.dilate(any, any, Imgproc.getStructuringElement(Imgproc.MORPH_ELLIPSE, new Size(9, 9)));
            Core.subtract(any, core, ring);
            return ringOverCore(restored, face, core, ring) / ringOverCore(original, face, core, ring);
        } finally {
            core.release();
            any.release();
            ring.release();
        }
    }

    static double ringOverCore(Mat bgr, FaceDetection face, Mat core, Mat ring) {
        try (FaceRegion r = FaceRegion.of(bgr, face)) {
            Mat b1 = new Mat(), fine = new Mat();
            Imgproc.GaussianBlur(r.smallGray(), b1, new Size(0, 0), 1.0);
            Core.subtract(r.smallGray(), b1, fine);
            Core.multiply(fine, fine, fine);
            double e = Core.mean(fine, ring).val[0] / Math.max(1e-9, Core.mean(fine, core).val[0]);
            b1.release();
            fine.release();
            return e;
        }
    }

    static double maxDiffOutside(Mat a, Mat b, Mat influence) {
        Mat diff = new Mat(), outside = new Mat();
        try {
            Core.absdiff(a, b, diff);
            List<Mat> ch = new ArrayList<>();
            Core.split(diff, ch);
            Core.bitwise_not(influence, outside);
            double m = 0;
            for (Mat c : ch) {
                m = Math.max(m, Core.minMaxLoc(c, outside).maxVal);
                c.release();
            }
            return m;
        } finally {
            diff.release();
            outside.release();
        }
    }

    static double blurredPsnr(Mat in, Mat out) {
        Mat a = new Mat(), b = new Mat();
        try {
            Imgproc.GaussianBlur(in, a, new Size(0, 0), 3);
            Imgproc.GaussianBlur(out, b, new Size(0, 0), 3);
            return Core.PSNR(a, b);
        } finally {
            a.release();
            b.release();
        }
    }

    /** The old engine's scores of the same portraits (real originals, their plasticized versions, AI, retouched). */
    record OldScores(Map<String, Double> images, Map<String, String> kinds, Map<String, List<Double>> faces) {
        static OldScores of(LegacyEngine legacy, Path dir, Portraits portraits, Measurements m) throws Exception {
            Map<String, Double> images = new HashMap<>();
            Map<String, String> kinds = new HashMap<>();
            Map<String, List<Double>> faces = new HashMap<>();
            for (Portraits.Entry e : portraits.entries()) {
                if (m.skipped.stream().anyMatch(s -> s.startsWith(e.file() + " "))) continue;
                LegacyEngine.Scores s;
                try {
                    s = legacy.score(Files.readAllBytes(e.path(dir)));
                } catch (java.lang.reflect.InvocationTargetException refused) {
                    // the old engine's own checks may refuse what the new one reads (a truncated PNG): not scored
                    System.err.println("  old engine refused " + e.file() + ": " + refused.getCause().getMessage());
                    continue;
                }
                put(images, kinds, faces, e.kind() + ":" + e.file(), e.kind(), s);
            }
            for (Measurements.Plasticized p : m.plasticized) {
                put(images, kinds, faces, "plasticized:" + p.entry().file(), "plasticized", legacy.score(Files.readAllBytes(p.png())));
            }
            return new OldScores(images, kinds, faces);
        }

        private static void put(Map<String, Double> images, Map<String, String> kinds, Map<String, List<Double>> faces, String key,
                                String kind, LegacyEngine.Scores s) {
            if (s.image() == null) return;
            images.put(key, s.image());
            kinds.put(key, kind);
            faces.put(key, s.faces().stream().filter(v -> v != null).toList());
        }

        double[] images(String kind) {
            return images.entrySet().stream().filter(e -> kinds.get(e.getKey()).equals(kind)).mapToDouble(Map.Entry::getValue).toArray();
        }

        double[] faces(String kind) {
            return faces.entrySet().stream().filter(e -> kinds.get(e.getKey()).equals(kind))
                    .flatMap(e -> e.getValue().stream()).mapToDouble(Double::doubleValue).toArray();
        }
    }

    // ------------------------------------------------------------------ report

    static void print(List<Row> rows, ScoreEvaluation scores, OldScores old, Measurements m, int sources) {
        System.out.println();
        System.out.println("Per real photograph (plasticized, then restored): skin fine-band energy / the original photo's (1.00 = original)");
        System.out.printf(Locale.ROOT, "%-44s %7s %7s %7s %7s %7s %6s %7s | %7s%n", "real photo", "plastic", "new@50", "auto",
                "level", "new@100", "again", "seam", "old@50");
        for (Row r : rows) {
            System.out.printf(Locale.ROOT, "%-44s %7.2f %7.2f %7.2f %7.1f %7.2f %6.2f %7.2f | %7.2f%n", shorten(r.file()), r.ePlastic(), r.e50(),
                    r.eAuto(), r.level(), r.e100(), r.eAgain(), r.seam(), r.old50());
        }
        double[] n50 = arr(rows, Row::e50), auto = arr(rows, Row::eAuto), o50 = arr(rows, Row::old50);
        System.out.println();
        System.out.println("| figure (" + rows.size() + " real photographs from " + rows.stream().map(Row::source).distinct().count()
                + " sources; new engine leave-one-source-out) | old engine (5a68254) | new @50 | new auto | goal |");
        System.out.println("|---|---|---|---|---|");
        System.out.printf(Locale.ROOT, "| restored skin fine-band energy / original, median | %.2f | %.2f | %.2f | 0.8-1.25 |%n",
                Stats.median(o50), Stats.median(n50), Stats.median(auto));
        System.out.printf(Locale.ROOT, "| images whose ratio lands in 0.5-2x | %s | %s | %s | >= 90 %%, none above 2x |%n",
                band(o50), band(n50), band(auto));
        System.out.printf(Locale.ROOT, "| plastic-score AUC, real vs plasticized (per image / per face) | %s | %.3f / %.3f | | >= 0.97 |%n",
                old == null ? "-" : String.format(Locale.ROOT, "%.3f / %.3f", Stats.auc(old.images("real"), old.images("plasticized")),
                        Stats.auc(old.faces("real"), old.faces("plasticized"))),
                scores.aucImages("plasticized"), scores.aucFaces("plasticized"));
        System.out.printf(Locale.ROOT, "| plastic-score AUC, real vs AI-generated (per image / per face) | %s | %.3f / %.3f | | >= 0.90 |%n",
                old == null ? "-" : String.format(Locale.ROOT, "%.3f / %.3f", Stats.auc(old.images("real"), old.images("ai")),
                        Stats.auc(old.faces("real"), old.faces("ai"))),
                scores.aucImages("ai"), scores.aucFaces("ai"));
        System.out.printf(Locale.ROOT, "| pixels changed outside the skin mask (max abs diff) | %.0f | %.0f | | 0 |%n",
                max(rows, Row::oldOutside), max(rows, Row::outside));
        System.out.println();
        System.out.printf(Locale.ROOT, "locality receipts: outside-mask hashes equal before/after in %d of %d restores pairs (@50 and auto)%n",
                rows.stream().filter(Row::receiptOk).count(), rows.size());
        System.out.printf(Locale.ROOT, "clamp: at intensity 100 the highest face that gained texture ends at %.2fx its target energy (limit 2.00x); "
                        + "%d face(s) were above 2x before and gained none; energy / original at 100: median %.2f, max %.2f%n",
                max(rows, Row::clamp100), rows.stream().mapToInt(Row::aboveAtStart).sum(), Stats.median(arr(rows, Row::e100)), max(rows, Row::e100));
        System.out.printf(Locale.ROOT, "auto, second pass on its own output: energy x%.3f median, x%.3f max (limit 1.10); level chosen: median %.1f%n",
                Stats.median(arr(rows, Row::eAgain)), max(rows, Row::eAgain), Stats.median(arr(rows, Row::level)));
        System.out.printf(Locale.ROOT, "seam (ring/core fine energy, restored @50 vs original photo): median %.2f, min %.2f, max %.2f%n",
                Stats.median(arr(rows, Row::seam)), min(rows, Row::seam), max(rows, Row::seam));
        System.out.printf(Locale.ROOT, "lighting kept: PSNR of sigma-3 blurred output vs input, min %.1f dB, median %.1f dB%n",
                min(rows, Row::psnr), Stats.median(arr(rows, Row::psnr)));
        System.out.printf(Locale.ROOT, "plasticized input: median energy / original %.2f%n", Stats.median(arr(rows, Row::ePlastic)));
        System.out.println();
        scores.lines("new, out-of-source (" + sources + " sources)").forEach(System.out::println);
        if (old != null) {
            System.out.printf(Locale.ROOT, "old engine median image score: real %.3f, plasticized %.3f, AI %.3f, retouched %.3f%n",
                    Stats.median(old.images("real")), Stats.median(old.images("plasticized")), Stats.median(old.images("ai")),
                    Stats.median(old.images("retouched")));
        }
        if (!m.skipped.isEmpty()) System.out.println("skipped: " + m.skipped);
    }

    static String band(double[] v) {
        int in = 0, above = 0;
        double hi = 0, lo = Double.MAX_VALUE;
        for (double x : v) {
            if (Double.isNaN(x)) continue;
            if (x >= 0.5 && x <= 2) in++;
            if (x > 2) above++;
            hi = Math.max(hi, x);
            lo = Math.min(lo, x);
        }
        long n = java.util.Arrays.stream(v).filter(x -> !Double.isNaN(x)).count();
        if (n == 0) return "-";
        return String.format(Locale.ROOT, "%d of %d (%.0f %%); %d above 2x, worst %.1fx, lowest %.2fx", in, n, 100.0 * in / n, above, hi, lo);
    }

    static double[] arr(List<Row> rows, ToDoubleFunction<Row> f) {
        return rows.stream().mapToDouble(f).filter(v -> !Double.isNaN(v)).toArray();
    }

    static double max(List<Row> rows, ToDoubleFunction<Row> f) {
        return java.util.Arrays.stream(arr(rows, f)).max().orElse(Double.NaN);
    }

    static double min(List<Row> rows, ToDoubleFunction<Row> f) {
        return java.util.Arrays.stream(arr(rows, f)).min().orElse(Double.NaN);
    }

    static String shorten(String s) {
        s = s.startsWith("real/") ? s.substring(5) : s;
        return s.length() <= 44 ? s : s.substring(0, 44);
    }
}
