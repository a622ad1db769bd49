package io.realskin.bench.texture;

import io.realskin.texture.engine.DecodedImage;
import io.realskin.texture.engine.FaceDetection;
import io.realskin.texture.engine.FaceRegion;
import io.realskin.texture.engine.GuidedFilter;
import io.realskin.texture.engine.MeasuredFace;
import io.realskin.imaging.ImageFormat;
import io.realskin.imaging.ImageRejectedException;
import io.realskin.texture.engine.PlasticScorer;
import io.realskin.texture.engine.RestoreOptions;
import io.realskin.texture.engine.ScoreReport;
import io.realskin.texture.engine.SkinStatistics;
import io.realskin.texture.engine.TargetModel;
import io.realskin.texture.engine.TextureEngine;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfDouble;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Quality benchmark of the texture engine on shared/portraits (issue 3, "Quality").
 * For every real photograph: plasticize it (edge-preserving smoothing of the face region, as beauty retouching
 * does), then repair it three ways - ours at intensity 50, uniform film grain adding the same fine-band energy,
 * an unsharp mask - and measure skin fine-band energy against the original photo, change outside the skin mask,
 * and lighting (PSNR of sigma-3 blurred output against the input). Then the plastic score's AUCs.
 * Usage: QualityBench PORTRAITS_DIR
 */
public final class QualityBench {
    /** The engine before per-photo targets (issue 13): 0.113 x the face's contrast for every photo. */
    static final TargetModel V1_TARGET = new TargetModel(Math.log(0.113), 1, 0, 0, 0);

    record Row(String name, double eOrig, double ePlast, double eOurs, double eOursLoso, double eV1, double eGrain, double eUnsharp,
               double outOurs, double outGrain, double outUnsharp, double psnrOurs, double psnrGrain, double psnrUnsharp,
               double sReal, double sPlast, double sOurs, double[] fReal, double[] fPlast, double seam) {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "../shared/portraits");
        TextureEngine engine = new TextureEngine();
        List<TargetFit.Sample> samples = TargetFit.samples(engine, list(dir.resolve("real")));
        Map<String, TargetModel> loso = TargetFit.leaveOneSourceOut(samples);
        List<Row> rows = new ArrayList<>();
        for (Path p : list(dir.resolve("real"))) {
            try {
                TargetModel held = loso.get(TargetFit.source(p));
                Row r = held == null ? null : benchOne(engine, p, held);
                if (r != null) rows.add(r);
            } catch (ImageRejectedException e) {
                skipped(p, e);
            }
        }
        List<Double> aiScores = new ArrayList<>();
        List<String> aiNames = new ArrayList<>();
        for (Path p : list(dir.resolve("ai"))) {
            ScoreReport rep = scoreOrSkip(engine, p);
            if (rep == null) continue;
            if (rep.plasticScore() == null) {
                System.out.println("  (no face measured in " + p.getFileName() + ")");
                continue;
            }
            aiScores.add(rep.plasticScore());
            aiNames.add(p.getFileName().toString());
        }
        List<String> retouched = new ArrayList<>();
        for (Path p : list(dir.resolve("retouched"))) {
            ScoreReport rep = scoreOrSkip(engine, p);
            if (rep == null) continue;
            retouched.add(p.getFileName() + " " + fmt(rep.plasticScore()));
        }

        System.out.println();
        System.out.println("Per image: skin fine-band energy relative to the original photo (1.00 = original)");
        System.out.printf(Locale.ROOT, "%-40s %8s %8s %8s %8s | %7s %7s %7s | %6s%n", "real photo", "plastic", "ours@50", "grain",
                "unsharp", "score", "plastic", "ours", "PSNR");
        for (Row r : rows) {
            System.out.printf(Locale.ROOT, "%-40s %8.2f %8.2f %8.2f %8.2f | %7.3f %7.3f %7.3f | %6.1f%n", shorten(r.name), r.ePlast / r.eOrig,
                    r.eOurs / r.eOrig, r.eGrain / r.eOrig, r.eUnsharp / r.eOrig, r.sReal, r.sPlast, r.sOurs, r.psnrOurs);
        }
        System.out.println();
        System.out.println("Summary over " + rows.size() + " real photographs (plasticized, then repaired):");
        System.out.printf(Locale.ROOT, "| %-34s | %14s | %16s | %16s |%n", "metric (target)", "ours @50", "uniform grain", "unsharp mask");
        System.out.println("|------------------------------------|----------------|------------------|------------------|");
        System.out.printf(Locale.ROOT, "| %-34s | %14.2f | %16.2f | %16.2f |%n", "skin HF energy / original (0.75-1.35)",
                median(rows, r -> r.eOurs / r.eOrig), median(rows, r -> r.eGrain / r.eOrig), median(rows, r -> r.eUnsharp / r.eOrig));
        System.out.printf(Locale.ROOT, "| %-34s | %14s | %16s | %16s |%n", "  (plasticized input: " + String.format(Locale.ROOT, "%.2f", median(rows, r -> r.ePlast / r.eOrig)) + ")", "", "", "");
        System.out.printf(Locale.ROOT, "| %-34s | %14.0f | %16.0f | %16.0f |%n", "max abs diff outside skin mask (0)",
                max(rows, r -> r.outOurs), max(rows, r -> r.outGrain), max(rows, r -> r.outUnsharp));
        System.out.printf(Locale.ROOT, "| %-34s | %14.1f | %16.1f | %16.1f |%n", "min PSNR blurred out vs in, dB (40)",
                min(rows, r -> r.psnrOurs), min(rows, r -> r.psnrGrain), min(rows, r -> r.psnrUnsharp));
        System.out.printf(Locale.ROOT, "| %-34s | %14.1f | %16.1f | %16.1f |%n", "median PSNR blurred out vs in, dB",
                median(rows, r -> r.psnrOurs), median(rows, r -> r.psnrGrain), median(rows, r -> r.psnrUnsharp));
        System.out.printf(Locale.ROOT, "| %-34s | %14.3f | %16s | %16s |%n", "median plastic score after",
                median(rows, r -> r.sOurs), "", "");
        double[] seams = rows.stream().mapToDouble(r -> r.seam).filter(v -> !Double.isNaN(v)).toArray();
        System.out.printf(Locale.ROOT, "| %-34s | %14.2f | %16s | %16s |%n", "added energy, mask edge / core (<1)", med(seams), "", "");
        System.out.printf(Locale.ROOT, "| %-34s | %14.2f | %16s | %16s |%n", "  highest of any photo",
                Arrays.stream(seams).max().orElse(Double.NaN), "", "");
        System.out.println();
        printTargets(rows, samples, loso);
        System.out.println();
        double[] real = rows.stream().mapToDouble(r -> r.sReal).toArray();
        double[] plast = rows.stream().mapToDouble(r -> r.sPlast).toArray();
        double[] ai = aiScores.stream().mapToDouble(Double::doubleValue).toArray();
        System.out.printf(Locale.ROOT, "Plastic score AUC, real vs plasticized:  %.3f  (%s fitted on these images: in-sample; %d vs %d)%n",
                auc(real, plast), PlasticScorer.modelVersion(), real.length, plast.length);
        System.out.printf(Locale.ROOT, "Plastic score AUC, real vs AI-generated: %.3f  (in-sample; %d vs %d)%n", auc(real, ai), real.length, ai.length);
        System.out.printf(Locale.ROOT, "Median plastic score: real %.3f, plasticized %.3f, AI %.3f, restored plasticized %.3f%n",
                med(real), med(plast), med(ai), median(rows, r -> r.sOurs));
        for (int i = 0; i < ai.length; i++) System.out.printf(Locale.ROOT, "  AI %-36s %.3f%n", aiNames.get(i), ai[i]);
        for (String s : retouched) System.out.println("  retouched " + s);

        scoreOutOfSource(engine, dir);
    }

    /** The score's leave-one-source-out AUCs beside the old model's, on the same portraits (as fit-score prints them). */
    static void scoreOutOfSource(TextureEngine engine, Path dir) throws Exception {
        System.out.println();
        System.out.println("Plastic score, leave one source out (faces cached under /tmp, see bench/texture/fit-score):");
        List<ScoreSamples.Sample> samples = FitScore.samples(engine, dir);
        FitScore.report(samples, FitScore.training(engine, dir, samples));
    }

    /** A portrait the engine refuses (the set is input from outside too) is reported and left out. */
    static void skipped(Path p, ImageRejectedException e) {
        System.out.println("  (skipped " + p.getFileName() + ": " + e.code() + ": " + e.getMessage() + ")");
    }

    /** The score of a portrait, or null (said on the way) when the engine refuses it. */
    static ScoreReport scoreOrSkip(TextureEngine engine, Path p) throws IOException {
        try {
            return engine.score(Files.readAllBytes(p));
        } catch (ImageRejectedException e) {
            skipped(p, e);
            return null;
        }
    }

    /**
     * The texture targets side by side on the same photos: restored skin fine-band energy over the original photo's
     * at intensity 50 with the v1 engine's target, the shipped model (fitted on every source, so in-sample) and the
     * model fitted without the photo's source (out-of-source: what a new photographer or camera gets).
     */
    static void printTargets(List<Row> rows, List<TargetFit.Sample> samples, Map<String, TargetModel> loso) {
        System.out.println("Texture target, " + rows.size() + " real photos from " + rows.stream().map(r -> r.name.split("__")[0]).distinct().count()
                + " sources, restored at 50: skin fine-band energy / original photo's");
        System.out.printf(Locale.ROOT, "| %-36s | %12s | %14s | %16s |%n", "figure (goal)", "v1 (0.113xC)", "v2 in-sample", "v2 out-of-source");
        System.out.println("|--------------------------------------|--------------|----------------|------------------|");
        F[] f = {r -> r.eV1 / r.eOrig, r -> r.eOurs / r.eOrig, r -> r.eOursLoso / r.eOrig};
        System.out.printf(Locale.ROOT, "| %-36s | %12.2f | %14.2f | %16.2f |%n", "median ratio (0.8-1.25)", median(rows, f[0]), median(rows, f[1]), median(rows, f[2]));
        System.out.printf(Locale.ROOT, "| %-36s | %12s | %14s | %16s |%n", "photos within 0.5-2x (>= 90 %)", inBand(rows, f[0]), inBand(rows, f[1]), inBand(rows, f[2]));
        System.out.printf(Locale.ROOT, "| %-36s | %12.2f | %14.2f | %16.2f |%n", "highest ratio (<= 2)", max(rows, f[0]), max(rows, f[1]), max(rows, f[2]));
        System.out.printf(Locale.ROOT, "| %-36s | %12.2f | %14.2f | %16.2f |%n", "lowest ratio", min(rows, f[0]), min(rows, f[1]), min(rows, f[2]));
        System.out.println("target model fitted on all " + samples.size() + " photos: " + TargetFit.describe(TargetFit.fit(samples))
                + " (engine ships " + TargetFit.describe(TargetModel.DEFAULT) + ")");
        TargetFit.printHeldOut(samples, loso);
    }

    static String inBand(List<Row> rows, F f) {
        long in = rows.stream().filter(r -> f.of(r) >= 0.5 && f.of(r) <= 2).count();
        return String.format(Locale.ROOT, "%d of %d", in, rows.size());
    }

    static double restoredEnergy(TextureEngine engine, Mat plast, FaceDetection face, Mat mask, Mat keep) {
        Mat out = plast.clone();
        try (DecodedImage di = DecodedImage.of(plast.clone(), ImageFormat.PNG)) {
            engine.restoreDecoded(di, RestoreOptions.defaults().withIntensity(50).withSeed(7));
            di.pixels().copyTo(out);
            double e = energy(out, face, mask);
            if (keep != null) out.copyTo(keep);
            return e;
        } finally {
            out.release();
        }
    }

    static Row benchOne(TextureEngine engine, Path p, TargetModel heldOut) throws Exception {
        long t0 = System.nanoTime();
        try (DecodedImage img = engine.decode(Files.readAllBytes(p))) {
            Mat orig = img.bgr8().clone();
            List<FaceDetection> faces = engine.findFaces(orig);
            if (faces.isEmpty()) {
                System.out.println("  (no face in " + p.getFileName() + ", skipped)");
                orig.release();
                return null;
            }
            FaceDetection face = faces.get(0);
            // the skin region on which energy is measured: the engine's mask of the original photo
            List<MeasuredFace> ref = MeasuredFace.measure(orig, List.of(face));
            Mat mask = ref.get(0).mask();
            double eOrig = energy(orig, face, mask);
            // plasticized = smoothed until the skin keeps at most a quarter of its fine-band energy (<= 3 passes)
            Mat plast = Plasticizer.apply(orig, faces);
            double ePlast = energy(plast, face, mask);
            for (int pass = 2; pass <= 3 && ePlast > 0.25 * eOrig; pass++) {
                Mat again = Plasticizer.apply(plast, faces);
                plast.release();
                plast = again;
                ePlast = energy(plast, face, mask);
            }

            Mat ours = plast.clone();
            double eOurs = restoredEnergy(engine, plast, face, mask, ours);
            double eOursLoso = restoredEnergy(engine.withTargetModel(heldOut), plast, face, mask, null);
            double eV1 = restoredEnergy(engine.withTargetModel(V1_TARGET), plast, face, mask, null);
            Mat influence = engine.influenceMap(plast);

            // uniform film grain with the same added fine-band energy as ours
            double added = Math.max(1e-9, eOurs - ePlast);
            Mat grain = FilmGrain.apply(plast, 1.0, 11);
            double perUnit = energy(grain, face, mask) - ePlast;
            grain.release();
            grain = FilmGrain.apply(plast, Math.sqrt(added / Math.max(1e-12, perUnit)), 11);
            double eGrain = energy(grain, face, mask);

            double sigma = 1.0 / (FaceRegion.ANALYSIS_FACE_WIDTH / face.scaleWidth());
            Mat unsharp = UnsharpMask.apply(plast, Math.max(0.8, sigma), 1.0);
            double eUnsharp = energy(unsharp, face, mask);

            ScoreReport sReal = engine.score(DecodedImage.of(orig.clone(), ImageFormat.PNG));
            ScoreReport sPlast = engine.score(DecodedImage.of(plast.clone(), ImageFormat.PNG));
            ScoreReport sOurs = engine.score(DecodedImage.of(ours.clone(), ImageFormat.PNG));
            Row row = new Row(p.getFileName().toString(), eOrig, ePlast, eOurs, eOursLoso, eV1, eGrain, eUnsharp,
                    maxDiffOutside(plast, ours, influence), maxDiffOutside(plast, grain, influence), maxDiffOutside(plast, unsharp, influence),
                    blurredPsnr(plast, ours), blurredPsnr(plast, grain), blurredPsnr(plast, unsharp),
                    nz(sReal.plasticScore()), nz(sPlast.plasticScore()), nz(sOurs.plasticScore()),
                    OldPlasticScore.features(sReal.faces().get(0).statistics()),
                    OldPlasticScore.features(sPlast.faces().get(0).statistics()), seam(plast, ours, face));
            ref.forEach(MeasuredFace::close);
            for (Mat m : new Mat[] {orig, plast, ours, influence, grain, unsharp}) m.release();
            System.out.printf(Locale.ROOT, "  %-40s %5dx%-5d face %4.0f px  %.1f s%n", shorten(p.getFileName().toString()),
                    img.width(), img.height(), face.scaleWidth(), (System.nanoTime() - t0) / 1e9);
            return row;
        }
    }

    /**
     * Is there a band at the mask's edge? The fine-band energy the restore added (output minus input, at the analysis
     * scale) on the feathered edge of the engine's skin mask (weight 0.05-0.5) over that on its core (weight > 0.5):
     * below 1 when the texture fades out with the feather, above 1 for a halo.
     */
    static double seam(Mat in, Mat out, FaceDetection face) {
        List<MeasuredFace> m = MeasuredFace.measure(in, List.of(face));
        Mat a = new Mat(), b = new Mat(), blur = new Mat(), sq = new Mat(), core = new Mat(), edge = new Mat();
        try (FaceRegion ri = FaceRegion.of(in, face); FaceRegion ro = FaceRegion.of(out, face)) {
            Core.subtract(ro.smallGray(), ri.smallGray(), a);
            Imgproc.GaussianBlur(a, blur, new Size(0, 0), 1.0);
            Core.subtract(a, blur, b);
            Core.multiply(b, b, sq);
            Mat w = m.get(0).mask();
            Imgproc.threshold(w, core, 0.5, 255, Imgproc.THRESH_BINARY);
            core.convertTo(core, CvType.CV_8U);
            Imgproc.threshold(w, edge, 0.05, 255, Imgproc.THRESH_BINARY);
            edge.convertTo(edge, CvType.CV_8U);
            Core.subtract(edge, core, edge);
            if (Core.countNonZero(core) == 0 || Core.countNonZero(edge) == 0) return Double.NaN;
            double inCore = Core.mean(sq, core).val[0];
            return inCore > 0 ? Core.mean(sq, edge).val[0] / inCore : Double.NaN;
        } finally {
            m.forEach(MeasuredFace::close);
            for (Mat x : new Mat[] {a, b, blur, sq, core, edge}) x.release();
        }
    }

    /** Skin fine-band energy (mean square, relative to mean luminance squared) on the given analysis-scale mask. */
    static double energy(Mat bgr, FaceDetection face, Mat mask) {
        try (FaceRegion r = FaceRegion.of(bgr, face)) {
            return SkinStatistics.measure(r.smallGray(), mask).fineEnergy();
        }
    }

    static double maxDiffOutside(Mat a, Mat b, Mat influence) {
        Mat diff = new Mat(), gray = new Mat(), outside = new Mat();
        try {
            Core.absdiff(a, b, diff);
            Imgproc.cvtColor(diff, gray, Imgproc.COLOR_BGR2GRAY);
            Core.max(diff.reshape(1, (int) (diff.total())), new Scalar(0), new Mat());
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
            gray.release();
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

    static double auc(double[] negatives, double[] positives) {
        double s = 0;
        for (double n : negatives) for (double p : positives) s += p > n ? 1 : p == n ? 0.5 : 0;
        return s / (negatives.length * (double) positives.length);
    }

    static List<Path> list(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).filter(f -> ImageFormat.fromFileName(f.toString()) != null).sorted().toList();
        }
    }

    interface F {
        double of(Row r);
    }

    static double median(List<Row> rows, F f) {
        return med(rows.stream().mapToDouble(f::of).toArray());
    }

    static double med(double[] v) {
        if (v.length == 0) return Double.NaN;
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    static double max(List<Row> rows, F f) {
        return rows.stream().mapToDouble(f::of).max().orElse(Double.NaN);
    }

    static double min(List<Row> rows, F f) {
        return rows.stream().mapToDouble(f::of).min().orElse(Double.NaN);
    }

    static double nz(Double d) {
        return d == null ? Double.NaN : d;
    }

    static String fmt(Double d) {
        return d == null ? "null" : String.format(Locale.ROOT, "%.3f", d);
    }

    static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40);
    }

    /** Beauty-retouch smoothing: self-guided (edge-preserving) filter on each face's region. */
    static final class Plasticizer {
        static Mat apply(Mat bgr, List<FaceDetection> faces) {
            Mat out = bgr.clone();
            for (FaceDetection f : faces) {
                org.opencv.core.Rect roi = regionOf(f, bgr);
                Mat sub = out.submat(roi);
                Mat fl = new Mat();
                sub.convertTo(fl, CvType.CV_32F, 1 / 255.0);
                List<Mat> ch = new ArrayList<>();
                Core.split(fl, ch);
                int r = (int) Math.max(2, Math.round(f.scaleWidth() / 30.0));
                for (int i = 0; i < ch.size(); i++) {
                    Mat q = GuidedFilter.apply(ch.get(i), ch.get(i), r, 0.02);
                    ch.get(i).release();
                    ch.set(i, q);
                }
                Core.merge(ch, fl);
                fl.convertTo(sub, CvType.CV_8U, 255);
                for (Mat c : ch) c.release();
                fl.release();
                sub.release();
            }
            return out;
        }

        static org.opencv.core.Rect regionOf(FaceDetection f, Mat bgr) {
            double d = f.eyeDistance();
            int x0 = (int) Math.max(0, f.centerX() - 1.8 * d), x1 = (int) Math.min(bgr.cols(), f.centerX() + 1.8 * d);
            int y0 = (int) Math.max(0, f.centerY() - 2.2 * d), y1 = (int) Math.min(bgr.rows(), f.centerY() + 3.2 * d);
            return new org.opencv.core.Rect(x0, y0, x1 - x0, y1 - y0);
        }
    }

    /** The wrong fix #1: uniform monochrome film grain over the whole frame. */
    static final class FilmGrain {
        static Mat apply(Mat bgr, double sigma, int seed) {
            Mat noise = new Mat(bgr.size(), CvType.CV_32F);
            Core.setRNGSeed(seed);
            Core.randn(noise, 0, sigma);
            Mat n3 = new Mat(), f = new Mat(), out = new Mat();
            Core.merge(List.of(noise, noise, noise), n3);
            bgr.convertTo(f, CvType.CV_32F);
            Core.add(f, n3, f);
            f.convertTo(out, CvType.CV_8U);
            noise.release();
            n3.release();
            f.release();
            return out;
        }
    }

    /** The wrong fix #2: unsharp mask over the whole frame. */
    static final class UnsharpMask {
        static Mat apply(Mat bgr, double sigma, double amount) {
            Mat blur = new Mat(), out = new Mat();
            Imgproc.GaussianBlur(bgr, blur, new Size(0, 0), sigma);
            Core.addWeighted(bgr, 1 + amount, blur, -amount, 0, out);
            blur.release();
            return out;
        }
    }
}
