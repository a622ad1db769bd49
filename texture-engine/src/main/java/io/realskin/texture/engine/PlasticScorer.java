package io.realskin.texture.engine;

import java.util.List;

/**
 * Plastic-skin score of one face: 0 = photographic, 1 = waxy; 0.5 is the decision point. A logistic model (weights in
 * {@link TextureModel.Score}) over features that compare the skin with the frame it sits in rather than with one
 * camera's or one generator's absolute levels:
 * <ol>
 * <li>ln(fine rms / the frame's own target, {@link TextureTarget}): how far the skin is below what this frame's edges,
 *     grain and shading say real skin would carry;</li>
 * <li>ln(fine rms / middle-band rms): the spectral slope (smoothing removes fine detail before mid);</li>
 * <li>ln(fine rms / coarse-relief rms): fine detail against the skin's own larger structure;</li>
 * <li>skewness of the fine band (pores are dark pits: real skin skews negative);</li>
 * <li>ln(robust sigma / rms of the fine band): grain-like (about 1 for Gaussian sensor noise) or sparse and
 *     heavy-tailed (a few strokes and edges on smooth skin).</li>
 * </ol>
 * Fitted with leave-one-source-out cross-validation and class-balanced weights by {@code bench/texture/train}.
 */
public final class PlasticScorer {
    public static final String[] FEATURES = {"belowTarget", "slope", "fineOverCoarse", "skew", "noiseShape"};

    private PlasticScorer() {
    }

    public static double[] features(SkinStatistics s, FrameEvidence e, TextureModel model) {
        double eps = 1e-3;
        double fine = Math.max(eps, s.fineRms());
        double target = TextureTarget.fineRms(s, e, model.target());
        return new double[] {
            Math.log(fine / target),
            Math.log(fine / Math.max(eps, s.midRms())),
            Math.log(fine / Math.max(eps, s.coarseRms())),
            Math.max(-3, Math.min(3, s.fineSkew())),
            Math.log(Math.max(eps, s.noiseSigma()) / fine)};
    }

    /** Score 0..1, or null when the face shows too little skin to measure. */
    public static Double score(SkinStatistics s, FrameEvidence e, TextureModel model) {
        if (!s.usable()) return null;
        return logistic(model.score().weights(), features(s, e, model));
    }

    public static double logistic(double[] w, double[] x) {
        double z = w[0];
        for (int i = 0; i < x.length; i++) z += w[i + 1] * x[i];
        return 1.0 / (1.0 + Math.exp(-z));
    }

    /** Skin-area-weighted mean of the measurable faces' scores, or null when none is measurable. */
    static Double imageScore(List<MeasuredFace> faces, TextureModel model) {
        double sum = 0, weight = 0;
        for (MeasuredFace m : faces) {
            Double s = score(m.stats(), m.evidence(), model);
            if (s == null) continue;
            double w = m.stats().skinPixels() / (m.region().scale() * m.region().scale());
            sum += s * w;
            weight += w;
        }
        return weight == 0 ? null : sum / weight;
    }
}
