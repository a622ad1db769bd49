package io.realskin.bench.texture;

import io.realskin.texture.engine.SkinStatistics;

import java.util.List;

/**
 * The plastic score as shipped before plastic-score-v2 (kept for comparison): a logistic model on the first three
 * features, its coefficients fitted on the same 13 real + 6 AI portraits it was judged on.
 */
final class OldPlasticScore {
    static final double B0 = -11.74, B_CONTRAST = -1.49, B_SLOPE = -0.58, B_NOISE = -1.65;

    private OldPlasticScore() {
    }

    /** Features 0..2 of ScoreFeatures.NAMES are v1's: ln(fine/contrast), ln(fine/mid), ln(noise/luminance). */
    static double score(double[] f) {
        double z = B0 + B_CONTRAST * f[0] + B_SLOPE * f[1] + B_NOISE * f[2];
        return 1 / (1 + Math.exp(-z));
    }

    /** v1's features of a face's skin statistics. */
    static double[] features(SkinStatistics s) {
        double eps = 1e-4;
        return new double[] {
            Math.log(Math.max(eps, s.fineRms()) / Math.max(1.0, s.contrast())),
            Math.log(Math.max(eps, s.fineRms()) / Math.max(eps, s.midRms())),
            Math.log(Math.max(eps, s.noiseSigma()) / Math.max(1.0, s.meanLuminance()))};
    }

    static double[] scores(List<ScoreSamples.Sample> samples) {
        return ScoreSamples.scores(samples, s -> score(s.features()));
    }
}
