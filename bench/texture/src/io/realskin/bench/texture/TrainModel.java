package io.realskin.bench.texture;

import io.realskin.texture.engine.TextureEngine;
import io.realskin.texture.engine.TextureModel;
import io.realskin.texture.engine.TextureTarget;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Trains the engine's {@link TextureModel} on shared/portraits: measures every face, reports the out-of-source
 * figures of a leave-one-source-out cross-validation (the target's accuracy and the score's AUCs), then fits on all
 * sources and writes texture-model.properties and its data manifest (texture-model-data.tsv) into MODEL_DIR.
 * Usage: TrainModel PORTRAITS_DIR MODEL_DIR
 */
public final class TrainModel {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Path out = Path.of(args[1]);
        Portraits portraits = Portraits.read(dir);
        TextureEngine engine = new TextureEngine();
        Measurements m = Measurements.of(engine, portraits, null);
        List<FaceSample> all = m.samples;
        if (System.getenv("TRAIN_DUMP") != null) dump(Path.of(System.getenv("TRAIN_DUMP")), all);
        TextureModel base = engine.model();
        Map<String, TextureModel> folds = ModelFit.leaveOneSourceOut(base, all);

        System.out.println();
        System.out.println("Leave-one-source-out (" + folds.size() + " sources; every figure below is for portraits whose source was left out of the fit)");
        System.out.println();
        System.out.println("Target: predicted fine-band energy of a plasticized photograph vs its original's (the ratio a restore at 50 would give if it hit its target)");
        List<double[]> ratios = new ArrayList<>();
        for (FaceSample s : all) {
            if (!s.kind().equals("plasticized") || s.face() != 0) continue;
            double predicted = TextureTarget.fineRms(s.stats(), s.evidence(), folds.get(s.source()).target()) / s.stats().meanLuminance();
            double ratio = predicted * predicted / (s.originalFine() * s.originalFine());
            ratios.add(new double[] {ratio});
            System.out.printf(Locale.ROOT, "  %-52s %6.2f%n", s.entry().file(), ratio);
        }
        double[] r = ratios.stream().mapToDouble(a -> a[0]).toArray();
        System.out.printf(Locale.ROOT, "  median %.2f, in 0.5-2x %d of %d, above 2x %d (max %.2f), below 0.5x %d (min %.2f)%n",
                Stats.median(r), count(r, 0.5, 2), r.length, count(r, 2, Double.MAX_VALUE), max(r), count(r, 0, 0.5), min(r));
        System.out.println();
        ScoreEvaluation oos = ScoreEvaluation.of(all, s -> folds.get(s.source()));
        oos.lines("out-of-source").forEach(System.out::println);

        TextureModel fitted = ModelFit.fit(base, all);
        ScoreEvaluation in = ScoreEvaluation.of(all, s -> fitted);
        System.out.println();
        in.lines("in-sample (for reference only)").forEach(System.out::println);

        StringBuilder manifest = new StringBuilder("file\tkind\tsource\tsha256\tfaces_used\n");
        Map<String, Integer> faces = new TreeMap<>();
        for (FaceSample s : all) if (!s.kind().equals("plasticized")) faces.merge(s.entry().file(), 1, Integer::sum);
        for (Portraits.Entry e : portraits.entries()) {
            manifest.append(e.file()).append('\t').append(e.kind()).append('\t').append(e.source()).append('\t')
                    .append(Portraits.sha256(e.path(dir))).append('\t').append(faces.getOrDefault(e.file(), 0)).append('\n');
        }
        // the version names the data and the fitted numbers: another engine measuring differently gives another version
        String content = manifest + fitted.toProperties("");
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(content.getBytes(StandardCharsets.UTF_8))).substring(0, 12);
        TextureModel versioned = new TextureModel("2-" + hash, fitted.target(), fitted.score());
        Files.createDirectories(out);
        Files.writeString(out.resolve("texture-model-data.tsv"), manifest);
        Files.writeString(out.resolve("texture-model.properties"), versioned.toProperties(String.join("\n",
                "RealSkin texture model, written by bench/texture/train (do not edit by hand).",
                "Trained on the portraits of texture-model-data.tsv (" + all.size() + " measured faces, " + folds.size() + " sources);",
                "skipped: " + (m.skipped.isEmpty() ? "none" : String.join("; ", m.skipped)) + ".",
                "target.*: ln(target fine rms / L) = intercept + edgeBlur*blur + contrast*ln(contrast/L) + coarse*ln(coarse/L) + noise*ln(noise/L) + jpeg*(100-q)/25",
                "score.*: logistic over PlasticScorer.features (belowTarget, slope, fineOverCoarse, skew, noiseShape)")));
        System.out.println();
        System.out.println("wrote " + out.resolve("texture-model.properties") + " (version " + versioned.version() + ") and texture-model-data.tsv");
        if (!m.skipped.isEmpty()) System.out.println("skipped: " + m.skipped);
    }

    /** Every measured face as a TSV row (for looking at the data outside Java). */
    static void dump(Path file, List<FaceSample> all) throws Exception {
        StringBuilder b = new StringBuilder("file\tkind\tsource\tface\toriginalFine\tskinWeight\tmeanL\tcontrast\tfine\tmid"
                + "\tnoiseSigma\tcoarse\tskew\tskinPx\tnoiseFloor\tnoiseBlocks\tdetail\tedgeBlur\tedgePoints\tfaceWidth\tscale\tq\n");
        for (FaceSample s : all) {
            var st = s.stats();
            var ev = s.evidence();
            b.append(String.join("\t", s.entry().file(), s.kind(), s.source(), Integer.toString(s.face())));
            for (double v : new double[] {s.originalFine(), s.skinWeight(), st.meanLuminance(), st.contrast(), st.fineRms(), st.midRms(),
                    st.noiseSigma(), st.coarseRms(), st.fineSkew(), st.skinPixels(), ev.noiseFloor(), ev.noiseBlocks(), ev.detail(),
                    ev.edgeBlur(), ev.edgePoints(), ev.faceWidth(), ev.scale(), ev.jpegQuality()}) {
                b.append('\t').append(String.format(Locale.ROOT, "%.6g", v));
            }
            b.append('\n');
        }
        Files.writeString(file, b);
    }

    static int count(double[] v, double lo, double hi) {
        int n = 0;
        for (double x : v) if (x >= lo && x <= hi) n++;
        return n;
    }

    static double max(double[] v) {
        return java.util.Arrays.stream(v).max().orElse(Double.NaN);
    }

    static double min(double[] v) {
        return java.util.Arrays.stream(v).min().orElse(Double.NaN);
    }
}
