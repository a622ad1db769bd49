package io.realskin.bench.texture;

import io.realskin.texture.engine.PlasticModel;
import io.realskin.texture.engine.ScoreFeatures;
import io.realskin.texture.engine.TextureEngine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Fits the plastic score (bench/texture/fit-score): leave-one-source-out AUCs of the model below beside the old
 * model's; {@code --write} writes the final weights, fitted on every source, into the engine's resource with the data
 * manifest; {@code --explore} adds every candidate feature alone and a few combinations; {@code --halved} what a
 * refit could do for portraits scored at half their size ({@link HalfSizeFit}).
 * {@code --robust} compares feature sets against simple edits ({@link RobustFit}); {@code --candidate FILE} writes
 * {@link #CANDIDATE}'s fit to FILE.
 * Usage: FitScore PORTRAITS_DIR ROOT [--write] [--explore] [--halved] [--robust] [--candidate FILE]
 */
public final class FitScore {
    /** The model's features (names of ScoreFeatures) and ridge, chosen as docs/texture-engine.md tells. */
    static final List<String> FEATURES = List.of("fineOverContrast", "unevenness", "energyVsLuminance");
    static final double RIDGE = 1.0;
    static final String VERSION = "plastic-score-v3";
    /**
     * A refit measured and not shipped (docs/texture-engine.md, "What fools the score"): zone features with the white
     * grain taken out. {@code --candidate FILE} writes it, fitted on every source, to FILE, for
     * {@code bench/texture/score-stability --model FILE}.
     */
    static final List<String> CANDIDATE = List.of("zoneStructureOverContrast", "zoneMidUnevenness", "zoneAbsoluteEnergyVsLuminance");
    static final String CANDIDATE_VERSION = "plastic-score-v4-candidate";
    /** Whether the fit also sees every face under each edit of {@link ScorePerturbations} ({@link #training}). */
    static final boolean AUGMENTED = false;
    /** The sets --robust compares, the model's first. */
    static final List<List<String>> ROBUST_SETS = List.of(
            List.of("fineOverContrast", "unevenness", "energyVsLuminance"),
            List.of("zoneStructureOverContrast", "zoneMidUnevenness", "zoneAbsoluteEnergyVsLuminance"),
            List.of("zoneStructureOverContrast", "zoneMidUnevenness", "zoneAbsoluteEnergyVsLuminance", "energyVsLuminance"),
            List.of("zoneStructureOverContrast", "zoneMidUnevenness", "zoneAbsoluteEnergyVsLuminance", "zoneFineLag"));

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Path root = Path.of(args[1]);
        List<String> opts = Arrays.asList(args);
        TextureEngine engine = new TextureEngine();
        List<ScoreSamples.Sample> samples = samples(engine, dir);
        if (opts.contains("--explore")) explore(samples);
        if (opts.contains("--halved")) HalfSizeFit.report(ScoreCache.standard().load(engine, dir));
        if (opts.contains("--robust")) RobustFit.report(samples, RobustFit.edited(ScoreCache.standard().load(engine, dir)), ROBUST_SETS);
        List<ScoreSamples.Sample> training = training(engine, dir, samples);
        report(samples, training);
        if (opts.contains("--write")) {
            Path out = root.resolve("texture-engine/src/main/resources/io/realskin/texture/engine/" + PlasticModel.RESOURCE);
            write(samples, training, FEATURES, VERSION, out, dir.resolve("MANIFEST.tsv"));
            System.out.println("wrote " + out);
        }
        int at = opts.indexOf("--candidate");
        if (at >= 0 && at + 1 < args.length) {
            Path out = Path.of(args[at + 1]);
            write(samples, training, CANDIDATE, CANDIDATE_VERSION, out, dir.resolve("MANIFEST.tsv"));
            System.out.println("wrote " + out);
        }
    }

    static List<ScoreSamples.Sample> samples(TextureEngine engine, Path dir) throws Exception {
        List<ScoreCache.Face> faces = ScoreCache.standard().load(engine, dir);
        long t0 = System.nanoTime();
        List<ScoreSamples.Sample> samples = ScoreSamples.measure(faces, FEATURES);
        System.out.printf(Locale.ROOT, "%d measurable faces of %d in %d sources, measured in %.1f s%n", samples.size(),
                faces.size(), SourceCrossValidation.sources(samples).size(), (System.nanoTime() - t0) / 1e9);
        return samples;
    }

    /**
     * What the model is fitted on: the faces as they are and, when {@link #AUGMENTED}, a copy of each under every edit
     * of {@link ScorePerturbations} (same source and label, so a leave-one-source-out fit holds it out with its original).
     */
    static List<ScoreSamples.Sample> training(TextureEngine engine, Path dir, List<ScoreSamples.Sample> samples) throws Exception {
        if (!AUGMENTED) return samples;
        List<ScoreSamples.Sample> out = new ArrayList<>(samples);
        RobustFit.edited(ScoreCache.standard().load(engine, dir)).values().forEach(out::addAll);
        return out;
    }

    static int[] indexes(List<String> names) {
        return names.stream().mapToInt(ScoreFeatures.NAMES::indexOf).toArray();
    }

    /**
     * The out-of-source table of the faces as they are: the old model (in-sample), this model left one source out
     * (fitted on {@code training}) and fitted on all, and {@link #CANDIDATE} the same two ways.
     */
    static void report(List<ScoreSamples.Sample> samples, List<ScoreSamples.Sample> training) {
        int[] f = indexes(FEATURES);
        double[] loso = SourceCrossValidation.outOfSource(training, samples, f, RIDGE);
        int[] c = indexes(CANDIDATE);
        double[] candidate = SourceCrossValidation.outOfSource(training, samples, c, RIDGE);
        double[] bc = SourceCrossValidation.fit(training, c, RIDGE);
        double[] candidateAll = ScoreSamples.scores(samples, s -> RidgeLogistic.predict(bc, SourceCrossValidation.pick(s, c)));
        double[] b = SourceCrossValidation.fit(training, f, RIDGE);
        double[] all = ScoreSamples.scores(samples, s -> RidgeLogistic.predict(b, SourceCrossValidation.pick(s, f)));
        ScoreSamples.Aucs n = ScoreSamples.aucs(samples, loso);
        System.out.printf(Locale.ROOT, "%d real, %d plasticized, %d AI-generated images%n", n.real(), n.plast(), n.ai());
        System.out.println(ScoreSamples.header());
        System.out.println(ScoreSamples.row("v1 (3 coefficients fitted in-sample)", ScoreSamples.aucs(samples, OldPlasticScore.scores(samples))));
        System.out.println(ScoreSamples.row(VERSION + ", leave-one-source-out", n));
        System.out.println(ScoreSamples.row(VERSION + ", fitted on all (in-sample)", ScoreSamples.aucs(samples, all)));
        System.out.println(ScoreSamples.row("candidate, leave-one-source-out", ScoreSamples.aucs(samples, candidate)));
        System.out.println(ScoreSamples.row("candidate, fitted on all (in-sample)", ScoreSamples.aucs(samples, candidateAll)));
        System.out.println("per source, leave-one-source-out (median image score; images on the wrong side of 0.5):");
        for (String source : SourceCrossValidation.sources(samples)) {
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "  %-14s", source));
            for (String kind : new String[] {"real", "plasticized", "ai", "retouched"}) {
                List<Double> v = new ArrayList<>();
                int wrong = 0;
                for (var e : ScoreSamples.images(samples, loso).entrySet()) {
                    double[] a = e.getValue();
                    ScoreSamples.Sample any = samples.stream().filter(s -> s.face().imageKey().equals(e.getKey())).findFirst().orElseThrow();
                    if (!any.face().source().equals(source) || !any.face().kind().equals(kind)) continue;
                    double s = a[0] / a[1];
                    v.add(s);
                    if (kind.equals("real") ? s >= 0.5 : !kind.equals("retouched") && s <= 0.5) wrong++;
                }
                if (v.isEmpty()) continue;
                sb.append(String.format(Locale.ROOT, "  %s %d: %.2f (%d wrong)", kind, v.size(),
                        QualityBench.med(v.stream().mapToDouble(Double::doubleValue).toArray()), wrong));
            }
            System.out.println(sb);
        }
        System.out.print("coefficients (fitted on all): intercept " + fmt(b[0]));
        for (int k = 0; k < f.length; k++) System.out.print(", " + FEATURES.get(k) + " " + fmt(b[k + 1]));
        System.out.println();
    }

    static void explore(List<ScoreSamples.Sample> samples) {
        System.out.println("every candidate alone, and combinations, leave-one-source-out (ridge " + RIDGE + "):");
        System.out.println(ScoreSamples.header());
        for (String name : ScoreFeatures.NAMES) {
            double[] s = SourceCrossValidation.outOfSource(samples, indexes(List.of(name)), RIDGE);
            System.out.println(ScoreSamples.row(name, ScoreSamples.aucs(samples, s)));
        }
        List<List<String>> sets = List.of(
                List.of("fineOverContrast", "fineOverMid", "noiseOverLuminance"),
                ScoreFeatures.NAMES,
                List.of("fineOverContrast", "noiseOverLuminance", "unevenness", "energyVsLuminance"),
                List.of("fineOverContrast", "fineOverEdge", "unevenness", "energyVsLuminance"),
                List.of("fineOverContrast", "noiseOverFloor", "unevenness", "energyVsLuminance"),
                List.of("fineOverContrast", "slopeOverEdge", "unevenness", "energyVsLuminance"),
                List.of("fineOverContrast", "blobDensity", "unevenness", "energyVsLuminance"),
                List.of("fineOverContrast", "chromaOverFine", "unevenness", "energyVsLuminance"),
                FEATURES);
        for (List<String> set : sets) {
            double[] s = SourceCrossValidation.outOfSource(samples, indexes(set), RIDGE);
            String name = set.size() == ScoreFeatures.NAMES.size() ? "all ten" : String.join(" + ", set);
            System.out.println(ScoreSamples.row(name, ScoreSamples.aucs(samples, s)));
        }
    }

    /** Fits on every source and writes the resource: model, then the data it was fitted on. */
    static void write(List<ScoreSamples.Sample> samples, List<ScoreSamples.Sample> training, List<String> features, String version,
                      Path out, Path manifest) throws IOException {
        int[] f = indexes(features);
        double[] b = SourceCrossValidation.fit(training, f, RIDGE);
        ScoreSamples.Aucs loso = ScoreSamples.aucs(samples, SourceCrossValidation.outOfSource(training, samples, f, RIDGE));
        List<String> lines = new ArrayList<>();
        lines.add("# The plastic score's model (PlasticModel), written by bench/texture/fit-score --write on " + LocalDate.now() + ".");
        lines.add("# Logistic regression, ridge " + RIDGE + " on standardised features, classes balanced (real = plasticized + AI),");
        lines.add("# so 0.5 is the decision point. Coefficients apply to the raw features; each is clamped to its range first.");
        lines.add(String.format(Locale.ROOT, "# Leave-one-source-out AUC per image: real vs plasticized %.3f, real vs AI %.3f (per face %.3f, %.3f).",
                loso.plastImage(), loso.aiImage(), loso.plastFace(), loso.aiFace()));
        lines.add("version=" + version);
        lines.add("features=" + String.join(",", features));
        lines.add("intercept=" + fmt(b[0]));
        for (int k = 0; k < f.length; k++) {
            final int kk = f[k];
            double lo = training.stream().filter(s -> s.label() >= 0).mapToDouble(s -> s.features()[kk]).min().orElseThrow();
            double hi = training.stream().filter(s -> s.label() >= 0).mapToDouble(s -> s.features()[kk]).max().orElseThrow();
            lines.add("coefficient." + features.get(k) + "=" + fmt(b[k + 1]));
            lines.add("range." + features.get(k) + "=" + fmt(lo) + "," + fmt(hi));
        }
        lines.add("# The data: ../shared/portraits (MANIFEST.tsv there); label 0 = real/, 1 = ai/ and every real photo plasticized");
        lines.add("# by bench/texture's Plasticizer; retouched/ not fitted. Faces = every face the engine measured"
                + (AUGMENTED ? ", each also under every edit of bench/texture's ScorePerturbations (" + String.join(", ",
                ScorePerturbations.EDITS.keySet()) + "), as its original labelled." : "."));
        TreeSet<String> sources = SourceCrossValidation.sources(samples);
        lines.add("data.manifest=MANIFEST.tsv sha256 " + sha256(manifest));
        lines.add("data.sources=" + String.join(",", sources));
        lines.add("data.faces=" + samples.stream().filter(s -> s.label() >= 0).count());
        for (String kind : new String[] {"real", "plasticized", "ai"}) {
            TreeSet<String> files = new TreeSet<>();
            for (ScoreSamples.Sample s : samples) if (s.face().kind().equals(kind)) files.add(s.face().file());
            lines.add("data." + kind + "=" + String.join(",", files));
        }
        Files.write(out, lines, StandardCharsets.ISO_8859_1);
    }

    static String sha256(Path file) throws IOException {
        if (!Files.isRegularFile(file)) return "(none)";
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.6f", v);
    }
}
