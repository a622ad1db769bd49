package io.realskin.bench.texture;

import io.realskin.imaging.ImageRejectedException;
import io.realskin.texture.engine.DecodedImage;
import io.realskin.texture.engine.FaceDetection;
import io.realskin.texture.engine.MeasuredFace;
import io.realskin.texture.engine.PlasticModel;
import io.realskin.texture.engine.PlasticScorer;
import io.realskin.texture.engine.ScoreFeatures;
import io.realskin.texture.engine.TextureEngine;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * How the plastic score moves when a portrait goes through what photographs go through on their way to us: saved
 * again as JPEG at lower qualities, halved (as sites and messengers resize), or both; and under the simple edits that
 * fooled plastic-score-v3 ({@link ScorePerturbations}: faint luminance grain, a frame cut under the chin, a
 * brightness gain, a gamma). The score should tell a photograph from a generator's skin, not a pristine file from a
 * recompressed or edited one. For every real and AI portrait of shared/portraits: the score of the file as it is and
 * of each variant (made from its decoded, upright pixels); printed per model, per source (the file name's prefix),
 * then per kind: medians, the median and largest change, and how many cross the 0.5 threshold.
 * Usage: ScoreStability PORTRAITS_DIR [--edits] [--model FILE_OR_RESOURCE]... ({@code --edits}: the edits only, not
 * the re-saves; {@code --model}: a model properties file, e.g. one fit-score --candidate wrote, or a model resource of
 * the engine by name, scored beside the shipped one on the same faces)
 */
public final class ScoreStability {
    /**
     * A variant of the decoded pixels (its first face given): the pixels a decoder gives of the file the score is
     * asked about (a re-save is encoded and decoded again; an edit is scored as its pixels are, as a PNG of them would
     * decode: a PNG of a grained 24 MP photo passes the upload limit of 30 MiB).
     */
    interface Variant {
        Mat make(Mat bgr, FaceDetection face, long seed);
    }

    static final Map<String, Variant> RESAVES = new LinkedHashMap<>();
    static final Map<String, Variant> EDITS = new LinkedHashMap<>();

    static {
        RESAVES.put("png", (bgr, f, seed) -> decoded(encode(bgr, ".png")));
        RESAVES.put("jpeg q90", (bgr, f, seed) -> decoded(jpeg(bgr, 90)));
        RESAVES.put("jpeg q75", (bgr, f, seed) -> decoded(jpeg(bgr, 75)));
        RESAVES.put("jpeg q50", (bgr, f, seed) -> decoded(jpeg(bgr, 50)));
        RESAVES.put("half, png", (bgr, f, seed) -> decoded(encode(half(bgr), ".png")));
        RESAVES.put("half, jpeg q75", (bgr, f, seed) -> decoded(jpeg(half(bgr), 75)));
        ScorePerturbations.EDITS.forEach((name, e) -> EDITS.put(name, (bgr, f, seed) -> e.apply(bgr, f, 1.0, seed)));
    }

    /** One portrait's scores, per model: as it is, then per variant (NaN where no face was scored). */
    record Scores(String kind, String source, double[] original, double[][] variants) {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 && !args[0].startsWith("--") ? args[0] : "../shared/portraits");
        List<String> opts = Arrays.asList(args);
        Map<String, Variant> variants = new LinkedHashMap<>();
        if (!opts.contains("--edits")) variants.putAll(RESAVES);
        variants.putAll(EDITS);
        List<PlasticModel> models = new ArrayList<>(List.of(PlasticModel.shipped()));
        for (int i = 0; i + 1 < args.length; i++) if (args[i].equals("--model")) models.add(model(args[i + 1]));
        TextureEngine engine = new TextureEngine();
        List<Scores> all = new ArrayList<>();
        for (String kind : List.of("real", "ai")) {
            for (Path p : QualityBench.list(dir.resolve(kind))) {
                Scores s = scores(engine, models, variants, kind, p);
                if (s != null) all.add(s);
            }
        }
        List<String> names = new ArrayList<>(variants.keySet());
        for (int m = 0; m < models.size(); m++) table(models.get(m).version(), m, names, all);
    }

    /** A model properties file (fit-score --candidate), or else a model resource of the engine by name. */
    static PlasticModel model(String name) throws java.io.IOException {
        Path file = Path.of(name);
        if (!Files.isRegularFile(file)) return PlasticModel.resource(name);
        java.util.Properties p = new java.util.Properties();
        try (var in = Files.newInputStream(file)) {
            p.load(in);
        }
        return PlasticModel.of(p);
    }

    private static void table(String model, int m, List<String> names, List<Scores> all) {
        System.out.printf(Locale.ROOT, "%n%s: plastic score of the file as it is and of each variant, median per source (n = portraits with a measured face)%n", model);
        System.out.printf(Locale.ROOT, "| kind | source | n | as is | %s |%n", String.join(" | ", names));
        System.out.println("|---|---|---|---|" + "---|".repeat(names.size()));
        Map<String, List<Scores>> bySource = new TreeMap<>();
        for (Scores s : all) bySource.computeIfAbsent(s.kind() + " " + s.source(), k -> new ArrayList<>()).add(s);
        bySource.forEach((key, group) -> row(key.substring(0, key.indexOf(' ')), key.substring(key.indexOf(' ') + 1), group, m, names.size()));
        System.out.printf(Locale.ROOT, "%n%s per kind: median score; median and largest change from the file as it is; crossings of 0.5%n", model);
        System.out.println("| kind | variant | median | median change | largest change | real: >= 0.5 / AI: < 0.5 (as is -> variant) |");
        System.out.println("|---|---|---|---|---|---|");
        for (String kind : List.of("real", "ai")) {
            List<Scores> group = all.stream().filter(s -> s.kind().equals(kind) && !Double.isNaN(s.original()[m])).toList();
            System.out.printf(Locale.ROOT, "| %s (%d) | as is | %.3f | | | %d |%n", kind, group.size(),
                    median(group.stream().mapToDouble(s -> s.original()[m]).toArray()),
                    group.stream().filter(s -> wrong(kind, s.original()[m])).count());
            for (int v = 0; v < names.size(); v++) {
                int at = v;
                double[] variant = group.stream().mapToDouble(s -> s.variants()[m][at]).toArray();
                double[] change = group.stream().mapToDouble(s -> s.variants()[m][at] - s.original()[m]).toArray();
                double largest = Arrays.stream(change).filter(d -> !Double.isNaN(d)).map(Math::abs).max().orElse(0);
                long wrongBefore = group.stream().filter(s -> wrong(kind, s.original()[m])).count();
                long wrongAfter = group.stream().filter(s -> wrong(kind, s.variants()[m][at])).count();
                System.out.printf(Locale.ROOT, "| %s (%d) | %s | %.3f | %+.3f | %.3f | %d -> %d |%n", kind, group.size(), names.get(v),
                        median(variant), median(change), largest, wrongBefore, wrongAfter);
            }
        }
    }

    /** Real photo at or above 0.5, AI portrait below it (a variant without a scored face is not counted). */
    private static boolean wrong(String kind, double score) {
        if (Double.isNaN(score)) return false;
        return kind.equals("real") ? score >= 0.5 : score < 0.5;
    }

    private static Scores scores(TextureEngine engine, List<PlasticModel> models, Map<String, Variant> variants, String kind,
                                 Path p) throws Exception {
        byte[] file = Files.readAllBytes(p);
        double[] original;
        try {
            try (DecodedImage img = engine.decode(file)) {
                original = score(engine, models, img.bgr8());
            }
        } catch (ImageRejectedException e) {
            System.out.println("  (skipped " + p.getFileName() + ": " + e.code() + ")");
            return null;
        }
        if (Double.isNaN(original[0])) return null;
        Mat bgr = Imgcodecs.imdecode(new MatOfByte(file), Imgcodecs.IMREAD_COLOR); // upright: EXIF orientation applied
        List<FaceDetection> faces = engine.findFaces(bgr);
        if (faces.isEmpty()) {
            bgr.release();
            return null;
        }
        double[][] out = new double[models.size()][variants.size()];
        int i = 0;
        for (Variant v : variants.values()) {
            Mat variant = v.make(bgr, faces.get(0), ScorePerturbations.seed(p.getFileName().toString()));
            double[] s = score(engine, models, variant);
            variant.release();
            for (int m = 0; m < models.size(); m++) out[m][i] = s[m];
            i++;
        }
        bgr.release();
        return new Scores(kind, TargetFit.source(p), original, out);
    }

    /**
     * The image's score by each model, of the decoded pixels, as {@link TextureEngine#score(byte[])} computes it with the shipped one: the
     * skin-area-weighted mean of its scored faces' (NaN when none is scored).
     */
    static double[] score(TextureEngine engine, List<PlasticModel> models, Mat bgr8) {
        double[] out = new double[models.size()];
        List<MeasuredFace> measured = MeasuredFace.measure(bgr8, engine.findFaces(bgr8));
        try {
            for (int m = 0; m < models.size(); m++) {
                PlasticModel model = models.get(m);
                double sum = 0, weight = 0;
                for (MeasuredFace f : measured) {
                    if (PlasticScorer.unscored(f) != null) continue;
                    double w = f.stats().skinPixels() / (f.region().scale() * f.region().scale());
                    sum += w * model.score(ScoreFeatures.of(f, model.features()));
                    weight += w;
                }
                out[m] = weight == 0 ? Double.NaN : sum / weight;
            }
        } finally {
            measured.forEach(MeasuredFace::close);
        }
        return out;
    }

    private static void row(String kind, String source, List<Scores> group, int m, int variants) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "| %s | %s | %d | %.3f |", kind, source, group.size(),
                median(group.stream().mapToDouble(s -> s.original()[m]).toArray())));
        for (int v = 0; v < variants; v++) {
            int at = v;
            b.append(String.format(Locale.ROOT, " %.3f |", median(group.stream().mapToDouble(s -> s.variants()[m][at]).toArray())));
        }
        System.out.println(b);
    }

    /** The median of the values that are numbers (a variant whose face was not found is NaN). */
    static double median(double[] values) {
        double[] v = Arrays.stream(values).filter(d -> !Double.isNaN(d)).toArray();
        return v.length == 0 ? Double.NaN : SpeedBench.median(v);
    }

    private static Mat decoded(byte[] file) {
        return Imgcodecs.imdecode(new MatOfByte(file), Imgcodecs.IMREAD_COLOR);
    }

    private static Mat half(Mat bgr) {
        Mat out = new Mat();
        Imgproc.resize(bgr, out, new Size(Math.max(1, bgr.cols() / 2), Math.max(1, bgr.rows() / 2)), 0, 0, Imgproc.INTER_AREA);
        return out;
    }

    static byte[] jpeg(Mat bgr, int quality) {
        MatOfByte buf = new MatOfByte();
        Imgcodecs.imencode(".jpg", bgr, buf, new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, quality));
        return buf.toArray();
    }

    private static byte[] encode(Mat bgr, String ext) {
        MatOfByte buf = new MatOfByte();
        Imgcodecs.imencode(ext, bgr, buf);
        return buf.toArray();
    }
}
