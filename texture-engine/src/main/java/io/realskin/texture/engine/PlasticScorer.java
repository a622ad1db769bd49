package io.realskin.texture.engine;

import java.util.List;

/**
 * Plastic-skin score of a face: 0 = photographic, 1 = waxy, 0.5 the decision point. The model is
 * {@link PlasticModel#shipped()} (its features: {@link ScoreFeatures}; its fit, out-of-source figures and data:
 * docs/texture-engine.md, {@code bench/texture/fit-score}). An image's score is the skin-area-weighted mean of its
 * measurable faces'.
 */
public final class PlasticScorer {
    private PlasticScorer() {
    }

    /** The version of the model the scores come from, e.g. {@code plastic-score-v3}. */
    public static String modelVersion() {
        return PlasticModel.shipped().version();
    }

    /** Why a face has no score: {@code too-little-skin}, {@code palette-colours} ({@link PaletteColours}), or null when it has one. */
    public static String unscored(MeasuredFace m) {
        if (!m.stats().usable()) return "too-little-skin";
        if (m.region().paletteColours()) return "palette-colours";
        return null;
    }

    /** Score 0..1, or null when the face cannot be scored ({@link #unscored}). */
    public static Double score(MeasuredFace m) {
        if (unscored(m) != null) return null;
        PlasticModel model = PlasticModel.shipped();
        return model.score(ScoreFeatures.of(m, model.features()));
    }

    /** Skin-area-weighted mean of the measurable faces' scores, or null when none is measurable. */
    static Double imageScore(List<MeasuredFace> faces) {
        return imageScore(faces, faces.stream().map(PlasticScorer::score).toList());
    }

    /** The image score from the faces' scores already computed (null entries are left out). */
    static Double imageScore(List<MeasuredFace> faces, List<Double> scores) {
        double sum = 0, weight = 0;
        for (int i = 0; i < faces.size(); i++) {
            Double s = scores.get(i);
            if (s == null) continue;
            MeasuredFace m = faces.get(i);
            double w = m.stats().skinPixels() / (m.region().scale() * m.region().scale());
            sum += s * w;
            weight += w;
        }
        return weight == 0 ? null : sum / weight;
    }
}
