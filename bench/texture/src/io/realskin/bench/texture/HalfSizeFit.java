package io.realskin.bench.texture;

import io.realskin.texture.engine.FaceRegion;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * fit-score --halved: what a refit could do for portraits scored at half their size (docs/texture-engine.md, "What the
 * score does to a portrait saved again or resized"). Every face is measured as it is and as in its image halved
 * ({@link ScoreSamples#measure(List, List, boolean)}); the model's features, with and without one more input, the
 * analysis scale ln(256 / the face's analysis width), 0 for a face analysed at full width, are fitted leave one
 * source out on the faces as they are alone or beside their halved copies, and each fit scores both sets.
 */
final class HalfSizeFit {
    private HalfSizeFit() {
    }

    static void report(List<ScoreCache.Face> faces) {
        List<ScoreSamples.Sample> asIs = withAnalysisScale(ScoreSamples.measure(faces, FitScore.FEATURES, false));
        List<ScoreSamples.Sample> half = withAnalysisScale(ScoreSamples.measure(faces, FitScore.FEATURES, true));
        int[] model = FitScore.indexes(FitScore.FEATURES);
        int[] scaled = Arrays.copyOf(model, model.length + 1);
        scaled[model.length] = asIs.get(0).features().length - 1;
        System.out.println("leave-one-source-out, per image, scored as they are | halved (AUC real vs plasticized, real vs AI;"
                + " balanced accuracy at 0.5; real photos >= 0.5, AI portraits < 0.5):");
        for (int[] features : List.of(model, scaled)) {
            for (boolean withHalved : new boolean[] {false, true}) {
                double[][] s = outOfSource(asIs, half, features, withHalved);
                System.out.printf(Locale.ROOT, "  %-31s %-22s | %s | %s%n",
                        features == model ? "the model's features" : "the model's + analysis scale",
                        withHalved ? "fitted on both" : "fitted as they are", row(asIs, s[0]), row(half, s[1]));
            }
        }
    }

    private static String row(List<ScoreSamples.Sample> samples, double[] scores) {
        ScoreSamples.Aucs a = ScoreSamples.aucs(samples, scores);
        return String.format(Locale.ROOT, "%.3f %.3f %.3f, real %d wrong, AI %d wrong", a.plastImage(), a.aiImage(),
                a.accuracyImage(), wrong(samples, scores, 0), wrong(samples, scores, 2));
    }

    /** Images of one kind (0 real, 2 AI) on the wrong side of 0.5. */
    private static int wrong(List<ScoreSamples.Sample> samples, double[] scores, int kind) {
        int n = 0;
        for (double[] v : ScoreSamples.images(samples, scores).values()) {
            double s = v[0] / v[1];
            if (v[3] == kind && (kind == 0 ? s >= 0.5 : s < 0.5)) n++;
        }
        return n;
    }

    /** Out-of-source scores of both sets; the fits see the other sources' faces as they are, and halved if asked. */
    private static double[][] outOfSource(List<ScoreSamples.Sample> asIs, List<ScoreSamples.Sample> half, int[] features,
                                          boolean withHalved) {
        List<ScoreSamples.Sample> both = new ArrayList<>(asIs);
        both.addAll(half);
        double[] s = SourceCrossValidation.outOfSource(withHalved ? both : asIs, both, features, FitScore.RIDGE);
        return new double[][] {Arrays.copyOfRange(s, 0, asIs.size()), Arrays.copyOfRange(s, asIs.size(), s.length)};
    }

    private static List<ScoreSamples.Sample> withAnalysisScale(List<ScoreSamples.Sample> samples) {
        return samples.stream().map(s -> {
            double[] x = Arrays.copyOf(s.features(), s.features().length + 1);
            double full = FaceRegion.ANALYSIS_FACE_WIDTH;
            x[x.length - 1] = Math.log(full / Math.min(full, s.analysisWidth()));
            return new ScoreSamples.Sample(s.face(), x, s.skinArea(), s.analysisWidth());
        }).toList();
    }
}
