package io.realskin.bench.texture;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Leave-one-source-out fitting of the plastic score: for each source (the file name's prefix: one repository,
 * photographer or generator), a model fitted on every other source scores that source's faces, plasticized
 * versions included (a real photo and its plasticized copy always fall on the same side). Weights: each image
 * counts once (split over its faces); real photographs weigh as much as the plastic class, whose plasticized and
 * AI halves weigh the same, so 0.5 is the balanced decision point.
 */
final class SourceCrossValidation {
    private SourceCrossValidation() {
    }

    /** Out-of-source score of every sample (retouched faces are scored by the model without their source). */
    static double[] outOfSource(List<ScoreSamples.Sample> samples, int[] features, double ridge) {
        return outOfSource(samples, samples, features, ridge);
    }

    /** Out-of-source score of every sample of {@code scored}, each by a model fitted on {@code fitted}'s other sources. */
    static double[] outOfSource(List<ScoreSamples.Sample> fitted, List<ScoreSamples.Sample> scored, int[] features, double ridge) {
        double[] out = new double[scored.size()];
        Arrays.fill(out, Double.NaN);
        for (String source : sources(scored)) {
            List<ScoreSamples.Sample> train = new ArrayList<>();
            for (ScoreSamples.Sample s : fitted) if (!s.face().source().equals(source)) train.add(s);
            double[] b = fit(train, features, ridge);
            for (int i = 0; i < scored.size(); i++) {
                if (scored.get(i).face().source().equals(source)) out[i] = RidgeLogistic.predict(b, pick(scored.get(i), features));
            }
        }
        return out;
    }

    /** Coefficients fitted on the labelled samples given ({@code b[0]} the intercept). */
    static double[] fit(List<ScoreSamples.Sample> samples, int[] features, double ridge) {
        List<ScoreSamples.Sample> used = samples.stream().filter(s -> s.label() >= 0).toList();
        Map<String, Integer> perImage = new HashMap<>();
        Map<String, Double> perKind = new HashMap<>();
        for (ScoreSamples.Sample s : used) perImage.merge(s.face().imageKey(), 1, Integer::sum);
        for (ScoreSamples.Sample s : used) perKind.merge(s.face().kind(), 1.0 / perImage.get(s.face().imageKey()), Double::sum);
        double[][] x = new double[used.size()][];
        int[] y = new int[used.size()];
        double[] w = new double[used.size()];
        for (int i = 0; i < used.size(); i++) {
            ScoreSamples.Sample s = used.get(i);
            x[i] = pick(s, features);
            y[i] = s.label();
            double kindShare = s.face().kind().equals("real") ? 1.0 : 0.5;
            w[i] = kindShare / perKind.get(s.face().kind()) / perImage.get(s.face().imageKey()) * 100;
        }
        return RidgeLogistic.fit(x, y, w, ridge);
    }

    static double[] pick(ScoreSamples.Sample s, int[] features) {
        double[] x = new double[features.length];
        for (int k = 0; k < features.length; k++) x[k] = s.features()[features[k]];
        return x;
    }

    static TreeSet<String> sources(List<ScoreSamples.Sample> samples) {
        TreeSet<String> out = new TreeSet<>();
        for (ScoreSamples.Sample s : samples) out.add(s.face().source());
        return out;
    }
}
