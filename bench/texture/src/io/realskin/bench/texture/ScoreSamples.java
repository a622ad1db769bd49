package io.realskin.bench.texture;

import io.realskin.texture.engine.AnalysisResample;
import io.realskin.texture.engine.FaceDetection;
import io.realskin.texture.engine.FaceRegion;
import io.realskin.texture.engine.MeasuredFace;
import io.realskin.texture.engine.ScoreFeatures;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The cached faces measured by the engine ({@link ScoreFeatures}), and the AUCs of a score over them, per face and
 * per image (an image's score is the skin-area-weighted mean of its faces', as the engine computes it).
 */
final class ScoreSamples {
    /**
     * One measurable face: every feature of {@link ScoreFeatures#NAMES}, its skin area in image pixels, the face's
     * width in the analysis copy it was measured on.
     */
    record Sample(ScoreCache.Face face, double[] features, double skinArea, double analysisWidth) {
        int label() {
            return face.label();
        }
    }

    /** The four AUCs and the balanced accuracy at 0.5 (plastic when the score is above 0.5). */
    record Aucs(double plastFace, double aiFace, double plastImage, double aiImage, double accuracyImage,
                int real, int plast, int ai) {
    }

    private ScoreSamples() {
    }

    /**
     * Faces whose skin is measurable; the others are left out as the engine leaves them out. Prints the median time
     * per face of the engine's measurement (region, mask, statistics) and of the given model features beside it.
     */
    static List<Sample> measure(List<ScoreCache.Face> faces, List<String> modelFeatures) {
        return measure(faces, modelFeatures, false);
    }

    /**
     * As above; {@code halved}: each face as the engine sees it in its image halved with area averaging (the cached
     * copy brought to the analysis scale of the half-size image: a face over 512 px is analysed at the same 256,
     * a smaller one at half its width), its image keyed "half/FILE".
     */
    static List<Sample> measure(List<ScoreCache.Face> faces, List<String> modelFeatures, boolean halved) {
        return measure(faces, modelFeatures, halved, null, null);
    }

    /**
     * Every face's analysis copy with one of {@link ScorePerturbations#EDITS} applied, its image keyed "EDIT/FILE"
     * (same source and label: a leave-one-source-out fit holds it out with its original).
     */
    static List<Sample> measure(List<ScoreCache.Face> faces, List<String> modelFeatures, String edit) {
        return measure(faces, modelFeatures, false, edit, ScorePerturbations.EDITS.get(edit));
    }

    private static List<Sample> measure(List<ScoreCache.Face> faces, List<String> modelFeatures, boolean halved,
                                        String editName, ScorePerturbations.Edit edit) {
        List<Sample> out = new ArrayList<>();
        List<Double> face = new ArrayList<>(), model = new ArrayList<>();
        for (ScoreCache.Face f : faces) {
            Mat crop = Imgcodecs.imread(f.crop().toString(), Imgcodecs.IMREAD_COLOR);
            double cropWidth = f.face().scaleWidth();
            double resize = halved ? halfSizeAnalysisWidth(cropWidth / f.regionScale()) / cropWidth : 1.0;
            if (Math.abs(resize - 1) < 1e-3) resize = 1.0; // a face over 512 px: the same analysis copy
            FaceDetection at = resize == 1.0 ? f.face() : f.face().scaled(resize, resize);
            if (resize != 1.0) {
                Mat small = new Mat();
                AnalysisResample.resize(crop, small, new Size(Math.max(8, Math.round(crop.cols() * resize)),
                        Math.max(8, Math.round(crop.rows() * resize))));
                crop.release();
                crop = small;
            }
            if (edit != null) {
                Mat edited = edit.apply(crop, f.face(), f.regionScale(), ScorePerturbations.seed(f.file() + f.variant() + f.index()));
                crop.release();
                crop = edited;
            }
            ScoreCache.Face as = edit != null ? new ScoreCache.Face(editName + "/" + f.file(), f.group(), f.source(), f.variant(),
                    f.index(), f.regionScale(), at, f.crop()) : halved ? new ScoreCache.Face("half/" + f.file(), f.group(), f.source(), f.variant(), f.index(),
                    f.regionScale() * resize, at, f.crop()) : f;
            long t0 = System.nanoTime();
            List<MeasuredFace> m = MeasuredFace.measure(crop, List.of(at));
            try {
                MeasuredFace mf = m.get(0);
                long t1 = System.nanoTime();
                if (!mf.stats().usable()) continue;
                ScoreFeatures.of(mf, modelFeatures);
                face.add((t1 - t0) / 1e6);
                model.add((System.nanoTime() - t1) / 1e6);
                double area = mf.stats().skinPixels() / Math.pow(mf.region().scale() * as.regionScale(), 2);
                out.add(new Sample(as, ScoreFeatures.all(mf), area, at.scaleWidth() * mf.region().scale()));
            } finally {
                m.forEach(MeasuredFace::close);
                crop.release();
            }
        }
        System.out.printf(Locale.ROOT, "median ms per face: region + mask + statistics %.1f, the model's features %.1f%n",
                QualityBench.med(face.stream().mapToDouble(Double::doubleValue).toArray()),
                QualityBench.med(model.stream().mapToDouble(Double::doubleValue).toArray()));
        return out;
    }

    /** The face width the engine analyses a face of {@code imageWidth} pixels at once its image is halved. */
    private static double halfSizeAnalysisWidth(double imageWidth) {
        return Math.min(imageWidth / 2, FaceRegion.ANALYSIS_FACE_WIDTH);
    }

    /** Image score: the skin-area-weighted mean of its faces' scores, per image variant, in first-seen order. */
    static Map<String, double[]> images(List<Sample> samples, double[] scores) {
        Map<String, double[]> acc = new LinkedHashMap<>(); // key -> {sum, weight, label}
        for (int i = 0; i < samples.size(); i++) {
            if (Double.isNaN(scores[i])) continue;
            Sample s = samples.get(i);
            double[] a = acc.computeIfAbsent(s.face().imageKey(), k -> new double[] {0, 0, s.label(), kindCode(s)});
            a[0] += scores[i] * s.skinArea();
            a[1] += s.skinArea();
        }
        return acc;
    }

    private static double kindCode(Sample s) {
        return switch (s.face().kind()) {
            case "real" -> 0;
            case "plasticized" -> 1;
            case "ai" -> 2;
            default -> 3;
        };
    }

    static Aucs aucs(List<Sample> samples, double[] scores) {
        List<Double> real = new ArrayList<>(), plast = new ArrayList<>(), ai = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            if (Double.isNaN(scores[i])) continue;
            switch (samples.get(i).face().kind()) {
                case "real" -> real.add(scores[i]);
                case "plasticized" -> plast.add(scores[i]);
                case "ai" -> ai.add(scores[i]);
                default -> { }
            }
        }
        List<Double> rI = new ArrayList<>(), pI = new ArrayList<>(), aI = new ArrayList<>();
        int right = 0, negatives = 0, rightPos = 0, positives = 0;
        for (double[] a : images(samples, scores).values()) {
            double s = a[0] / a[1];
            switch ((int) a[3]) {
                case 0 -> rI.add(s);
                case 1 -> pI.add(s);
                case 2 -> aI.add(s);
                default -> { }
            }
            if (a[3] == 0) {
                negatives++;
                if (s < 0.5) right++;
            } else if (a[3] <= 2) {
                positives++;
                if (s > 0.5) rightPos++;
            }
        }
        double acc = 0.5 * right / Math.max(1, negatives) + 0.5 * rightPos / Math.max(1, positives);
        return new Aucs(auc(real, plast), auc(real, ai), auc(rI, pI), auc(rI, aI), acc, rI.size(), pI.size(), aI.size());
    }

    static double auc(List<Double> negatives, List<Double> positives) {
        return QualityBench.auc(negatives.stream().mapToDouble(Double::doubleValue).toArray(),
                positives.stream().mapToDouble(Double::doubleValue).toArray());
    }

    static double[] scores(List<Sample> samples, ToDoubleFunction<Sample> f) {
        return samples.stream().mapToDouble(f).toArray();
    }

    static String row(String name, Aucs a) {
        return String.format(Locale.ROOT, "| %-44s | %11.3f | %12.3f | %7.3f | %8.3f | %10.3f |", name, a.plastFace(),
                a.plastImage(), a.aiFace(), a.aiImage(), a.accuracyImage());
    }

    static String header() {
        return "| score (AUC; balanced accuracy at 0.5)        | plast. face | plast. image | AI face | AI image | acc. image |\n"
                + "|----------------------------------------------|-------------|--------------|---------|----------|------------|";
    }
}
