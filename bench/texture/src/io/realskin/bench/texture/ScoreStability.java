package io.realskin.bench.texture;

import io.realskin.imaging.ImageRejectedException;
import io.realskin.texture.engine.ScoreReport;
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
 * again as JPEG at lower qualities, halved (as sites and messengers resize), or both. The score should tell a
 * photograph from a generator's skin, not a pristine file from a recompressed one. For every real and AI portrait of
 * shared/portraits: the score of the file as it is and of each variant (made from its decoded, upright pixels);
 * printed per source (the file name's prefix), then per kind: medians, the median and largest change, and how many
 * cross the 0.5 threshold. Usage: ScoreStability PORTRAITS_DIR
 */
public final class ScoreStability {
    /** A variant of the decoded pixels, encoded as the file the score is asked about. */
    interface Variant {
        byte[] make(Mat bgr);
    }

    static final Map<String, Variant> VARIANTS = new LinkedHashMap<>();

    static {
        VARIANTS.put("png", bgr -> encode(bgr, ".png"));
        VARIANTS.put("jpeg q90", bgr -> jpeg(bgr, 90));
        VARIANTS.put("jpeg q75", bgr -> jpeg(bgr, 75));
        VARIANTS.put("jpeg q50", bgr -> jpeg(bgr, 50));
        VARIANTS.put("half, png", bgr -> encode(half(bgr), ".png"));
        VARIANTS.put("half, jpeg q75", bgr -> jpeg(half(bgr), 75));
    }

    record Scores(String kind, String source, double original, double[] variants) {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "../shared/portraits");
        TextureEngine engine = new TextureEngine();
        List<Scores> all = new ArrayList<>();
        for (String kind : List.of("real", "ai")) {
            for (Path p : QualityBench.list(dir.resolve(kind))) {
                Scores s = scores(engine, kind, p);
                if (s != null) all.add(s);
            }
        }
        List<String> names = new ArrayList<>(VARIANTS.keySet());
        System.out.printf(Locale.ROOT, "%nplastic score of the file as it is and of each variant, median per source (n = portraits with a measured face)%n");
        System.out.printf(Locale.ROOT, "| kind | source | n | as is | %s |%n", String.join(" | ", names));
        System.out.println("|---|---|---|---|" + "---|".repeat(names.size()));
        Map<String, List<Scores>> bySource = new TreeMap<>();
        for (Scores s : all) bySource.computeIfAbsent(s.kind() + " " + s.source(), k -> new ArrayList<>()).add(s);
        bySource.forEach((key, group) -> row(key.substring(0, key.indexOf(' ')), key.substring(key.indexOf(' ') + 1), group));
        System.out.printf(Locale.ROOT, "%nper kind: median score; median and largest change from the file as it is; crossings of 0.5%n");
        System.out.println("| kind | variant | median | median change | largest change | real: >= 0.5 / AI: < 0.5 (as is -> variant) |");
        System.out.println("|---|---|---|---|---|---|");
        for (String kind : List.of("real", "ai")) {
            List<Scores> group = all.stream().filter(s -> s.kind().equals(kind)).toList();
            for (int v = 0; v < names.size(); v++) {
                int at = v;
                double[] variant = group.stream().mapToDouble(s -> s.variants()[at]).toArray();
                double[] change = group.stream().mapToDouble(s -> s.variants()[at] - s.original()).toArray();
                double largest = Arrays.stream(change).map(Math::abs).max().orElse(0);
                long wrongBefore = group.stream().filter(s -> wrong(kind, s.original())).count();
                long wrongAfter = group.stream().filter(s -> wrong(kind, s.variants()[at])).count();
                System.out.printf(Locale.ROOT, "| %s (%d) | %s | %.3f | %+.3f | %.3f | %d -> %d |%n", kind, group.size(), names.get(v),
                        median(variant), median(change), largest, wrongBefore, wrongAfter);
            }
        }
    }

    private static boolean wrong(String kind, double score) {
        return kind.equals("real") ? score >= 0.5 : score < 0.5;
    }

    private static Scores scores(TextureEngine engine, String kind, Path p) throws Exception {
        byte[] file = Files.readAllBytes(p);
        Double original;
        try {
            original = engine.score(file).plasticScore();
        } catch (ImageRejectedException e) {
            System.out.println("  (skipped " + p.getFileName() + ": " + e.code() + ")");
            return null;
        }
        if (original == null) return null;
        Mat bgr = Imgcodecs.imdecode(new MatOfByte(file), Imgcodecs.IMREAD_COLOR); // upright: EXIF orientation applied
        double[] variants = new double[VARIANTS.size()];
        int i = 0;
        for (Variant v : VARIANTS.values()) {
            ScoreReport r = engine.score(v.make(bgr));
            variants[i++] = r.plasticScore() == null ? Double.NaN : r.plasticScore();
        }
        bgr.release();
        return new Scores(kind, TargetFit.source(p), original, variants);
    }

    private static void row(String kind, String source, List<Scores> group) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "| %s | %s | %d | %.3f |", kind, source, group.size(),
                median(group.stream().mapToDouble(Scores::original).toArray())));
        for (int v = 0; v < VARIANTS.size(); v++) {
            int at = v;
            b.append(String.format(Locale.ROOT, " %.3f |", median(group.stream().mapToDouble(s -> s.variants()[at]).toArray())));
        }
        System.out.println(b);
    }

    /** The median of the values that are numbers (a variant whose face was not found is NaN). */
    static double median(double[] values) {
        double[] v = Arrays.stream(values).filter(d -> !Double.isNaN(d)).toArray();
        return v.length == 0 ? Double.NaN : SpeedBench.median(v);
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
