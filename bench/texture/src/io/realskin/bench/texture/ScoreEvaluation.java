package io.realskin.bench.texture;

import io.realskin.texture.engine.PlasticScorer;
import io.realskin.texture.engine.TextureModel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Plastic-score figures of a set of faces: each face scored by the model for its source (out-of-source when the
 * models are leave-one-source-out folds), per face and per image (skin-area-weighted mean), AUCs real vs plasticized
 * and real vs AI, and how often 0.5 decides right.
 */
record ScoreEvaluation(Map<FaceSample, Double> faceScores, Map<String, Double> imageScores, Map<String, String> imageKinds) {

    static ScoreEvaluation of(List<FaceSample> samples, Function<FaceSample, TextureModel> modelFor) {
        Map<FaceSample, Double> faces = new LinkedHashMap<>();
        Map<String, double[]> sums = new LinkedHashMap<>();
        Map<String, String> kinds = new LinkedHashMap<>();
        for (FaceSample s : samples) {
            Double score = PlasticScorer.score(s.stats(), s.evidence(), modelFor.apply(s));
            if (score == null) continue;
            faces.put(s, score);
            double[] acc = sums.computeIfAbsent(s.imageKey(), k -> new double[2]);
            acc[0] += score * s.skinWeight();
            acc[1] += s.skinWeight();
            kinds.put(s.imageKey(), s.kind());
        }
        Map<String, Double> images = new LinkedHashMap<>();
        sums.forEach((k, v) -> images.put(k, v[0] / v[1]));
        return new ScoreEvaluation(faces, images, kinds);
    }

    double[] faces(String kind) {
        return faceScores.entrySet().stream().filter(e -> e.getKey().kind().equals(kind)).mapToDouble(Map.Entry::getValue).toArray();
    }

    double[] images(String kind) {
        return imageScores.entrySet().stream().filter(e -> imageKinds.get(e.getKey()).equals(kind))
                .mapToDouble(Map.Entry::getValue).toArray();
    }

    double aucFaces(String plastic) {
        return Stats.auc(faces("real"), faces(plastic));
    }

    double aucImages(String plastic) {
        return Stats.auc(images("real"), images(plastic));
    }

    List<String> lines(String label) {
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "%s plastic-score AUC, real vs plasticized: per face %.3f (%d vs %d), per image %.3f (%d vs %d)",
                label, aucFaces("plasticized"), faces("real").length, faces("plasticized").length, aucImages("plasticized"),
                images("real").length, images("plasticized").length));
        out.add(String.format(Locale.ROOT, "%s plastic-score AUC, real vs AI-generated: per face %.3f (%d vs %d), per image %.3f (%d vs %d)",
                label, aucFaces("ai"), faces("real").length, faces("ai").length, aucImages("ai"), images("real").length,
                images("ai").length));
        out.add(String.format(Locale.ROOT, "%s decided right at 0.5, per image: real %.0f %% (score < 0.5), plasticized %.0f %%, AI %.0f %% (>= 0.5)",
                label, 100 * Stats.fraction(images("real"), v -> v < 0.5), 100 * Stats.fraction(images("plasticized"), v -> v >= 0.5),
                100 * Stats.fraction(images("ai"), v -> v >= 0.5)));
        out.add(String.format(Locale.ROOT, "%s median image score: real %.3f, plasticized %.3f, AI %.3f, retouched %.3f", label,
                Stats.median(images("real")), Stats.median(images("plasticized")), Stats.median(images("ai")),
                Stats.median(images("retouched"))));
        return out;
    }
}
