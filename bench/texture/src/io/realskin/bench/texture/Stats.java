package io.realskin.bench.texture;

import java.util.Arrays;

/** Small statistics the benchmarks print. */
final class Stats {
    private Stats() {
    }

    static double median(double[] v) {
        if (v.length == 0) return Double.NaN;
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /** Probability that a random positive scores above a random negative (ties count half). */
    static double auc(double[] negatives, double[] positives) {
        if (negatives.length == 0 || positives.length == 0) return Double.NaN;
        double s = 0;
        for (double n : negatives) for (double p : positives) s += p > n ? 1 : p == n ? 0.5 : 0;
        return s / (negatives.length * (double) positives.length);
    }

    static double fraction(double[] v, java.util.function.DoublePredicate p) {
        return v.length == 0 ? Double.NaN : Arrays.stream(v).filter(p).count() / (double) v.length;
    }
}
