package io.realskin.texture.engine;

import java.util.Map;
import java.util.function.Function;

/** Normal equations of one linear least-squares filter (upper triangle of A'A, A'b, sample count). */
final class NormalEquations {
    /** A filter solved from fewer samples is left out (the trainers keep it zero: no correction). */
    static final long MIN_SAMPLES = 200;

    final int n;
    final double[] ata, atb;
    long count;

    NormalEquations(int n) {
        this.n = n;
        ata = new double[n * n];
        atb = new double[n];
    }

    void add(float[] f, double target) {
        for (int a = 0; a < n; a++) {
            double fa = f[a];
            if (fa == 0) continue;
            int row = a * n;
            for (int b = a; b < n; b++) ata[row + b] += fa * f[b];
            atb[a] += fa * target;
        }
        count++;
    }

    void plus(NormalEquations o) {
        for (int i = 0; i < ata.length; i++) ata[i] += o.ata[i];
        for (int i = 0; i < n; i++) atb[i] += o.atb[i];
        count += o.count;
    }

    /**
     * One filter of a trainer whose equations are kept per group (a source): {@code filter} picks it from a group's,
     * the groups but {@code excluded} (null: all) are summed and solved with {@code ridge}; null when they hold fewer
     * than {@link #MIN_SAMPLES} samples of it.
     */
    static <G> float[] solve(Map<String, G> groups, String excluded, Function<G, NormalEquations> filter, double ridge) {
        NormalEquations sum = null;
        for (var e : groups.entrySet()) {
            NormalEquations part = filter.apply(e.getValue());
            if (part == null || e.getKey().equals(excluded)) continue;
            if (sum == null) sum = new NormalEquations(part.n);
            sum.plus(part);
        }
        return sum != null && sum.count >= MIN_SAMPLES ? sum.solve(ridge) : null;
    }

    /** (A'A + ridge count I)^-1 A'b by Cholesky. */
    float[] solve(double ridge) {
        double[] l = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = ata[j * n + i] + (i == j ? ridge * count : 0);
                for (int k = 0; k < j; k++) s -= l[i * n + k] * l[j * n + k];
                l[i * n + j] = i == j ? Math.sqrt(Math.max(s, 1e-9)) : s / l[j * n + j];
            }
        }
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            double s = atb[i];
            for (int k = 0; k < i; k++) s -= l[i * n + k] * z[k];
            z[i] = s / l[i * n + i];
        }
        float[] w = new float[n];
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = z[i];
            for (int k = i + 1; k < n; k++) s -= l[k * n + i] * x[k];
            x[i] = s / l[i * n + i];
            w[i] = (float) x[i];
        }
        return w;
    }
}
