package io.realskin.bench.texture;

import io.realskin.texture.engine.PlasticScorer;
import io.realskin.texture.engine.TextureModel;
import io.realskin.texture.engine.TextureTarget;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The fits of {@link TextureModel}: the target (Huber-weighted ridge regression of ln(original fine rms / L) on the
 * plasticized photograph's evidence) and the score (class-balanced ridge logistic regression, real = 0 against
 * plasticized and AI = 1). Features are standardised for the ridge, the weights returned in the engine's units.
 * {@link #leaveOneSourceOut} fits both once per source with that source's portraits left out.
 */
final class ModelFit {
    static final double TARGET_RIDGE = 1.0;
    static final double HUBER = 0.3;
    static final double SCORE_RIDGE = 1.0;

    private ModelFit() {
    }

    /** Raw target features (unknown evidence NaN) of a face. */
    static double[] targetFeatures(FaceSample s) {
        return TextureTarget.features(s.stats(), s.evidence(), new TextureModel.Target(0, 0, 0, 0, 0, 0, Double.NaN, Double.NaN));
    }

    static TextureModel fit(TextureModel base, List<FaceSample> training) {
        TextureModel.Target target = fitTarget(training.stream().filter(s -> s.kind().equals("plasticized")).toList());
        TextureModel withTarget = base.withTarget(target);
        return withTarget.withScore(fitScore(withTarget, training.stream().filter(s -> !s.kind().equals("retouched")).toList()));
    }

    static TextureModel.Target fitTarget(List<FaceSample> plasticized) {
        int n = plasticized.size();
        double[][] x = new double[n][];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = targetFeatures(plasticized.get(i));
            y[i] = Math.log(plasticized.get(i).originalFine());
        }
        double blurDefault = medianOf(x, 1), noiseDefault = medianOf(x, 4);
        for (double[] r : x) {
            if (Double.isNaN(r[1])) r[1] = blurDefault;
            if (Double.isNaN(r[4])) r[4] = noiseDefault;
        }
        double[] w = huberRidge(x, y, TARGET_RIDGE, HUBER);
        return TextureModel.Target.of(w, blurDefault, noiseDefault);
    }

    static TextureModel.Score fitScore(TextureModel model, List<FaceSample> samples) {
        int n = samples.size();
        double[][] x = new double[n][];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            double[] f = PlasticScorer.features(samples.get(i).stats(), samples.get(i).evidence(), model);
            x[i] = new double[f.length + 1];
            x[i][0] = 1;
            System.arraycopy(f, 0, x[i], 1, f.length);
            y[i] = samples.get(i).label();
        }
        return new TextureModel.Score(balancedLogistic(x, y, SCORE_RIDGE));
    }

    /** Out-of-source predictions: for every source, the model fitted without it, applied to its faces. */
    record Fold(String source, TextureModel model) {
    }

    static Map<String, TextureModel> leaveOneSourceOut(TextureModel base, List<FaceSample> all) {
        Map<String, TextureModel> folds = new LinkedHashMap<>();
        for (String source : new TreeSet<>(all.stream().map(FaceSample::source).toList())) {
            Predicate<FaceSample> other = s -> !s.source().equals(source);
            folds.put(source, fit(base, all.stream().filter(other).toList()));
        }
        return folds;
    }

    // ------------------------------------------------------------------ regression

    /** Ridge (on standardised features, intercept free) with Huber weights, by iteratively reweighted least squares. */
    static double[] huberRidge(double[][] x, double[] y, double ridge, double delta) {
        Standardised s = Standardised.of(x);
        int n = y.length, d = s.z[0].length;
        double[] wt = new double[n];
        Arrays.fill(wt, 1);
        double[] b = new double[d];
        for (int it = 0; it < 50; it++) {
            double[][] a = new double[d][d];
            double[] r = new double[d];
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < d; k++) {
                    r[k] += wt[i] * s.z[i][k] * y[i];
                    for (int l = 0; l < d; l++) a[k][l] += wt[i] * s.z[i][k] * s.z[i][l];
                }
            }
            for (int k = 1; k < d; k++) a[k][k] += ridge;
            b = solve(a, r);
            for (int i = 0; i < n; i++) {
                double res = Math.abs(y[i] - dot(b, s.z[i]));
                wt[i] = res <= delta ? 1 : delta / res;
            }
        }
        return s.unscale(b);
    }

    /** Logistic regression, classes weighted to equal total weight (so 0.5 is the balanced decision point), ridge. */
    static double[] balancedLogistic(double[][] x, int[] y, double ridge) {
        Standardised s = Standardised.of(x);
        int n = y.length, d = s.z[0].length;
        long pos = Arrays.stream(y).filter(v -> v == 1).count();
        double wPos = 0.5 * n / Math.max(1, pos), wNeg = 0.5 * n / Math.max(1, n - pos);
        double[] b = new double[d];
        for (int it = 0; it < 60; it++) {
            double[] g = new double[d];
            double[][] h = new double[d][d];
            for (int i = 0; i < n; i++) {
                double p = 1 / (1 + Math.exp(-dot(b, s.z[i])));
                double w = y[i] == 1 ? wPos : wNeg;
                for (int k = 0; k < d; k++) {
                    g[k] += w * (p - y[i]) * s.z[i][k];
                    for (int l = 0; l < d; l++) h[k][l] += w * p * (1 - p) * s.z[i][k] * s.z[i][l];
                }
            }
            for (int k = 1; k < d; k++) {
                g[k] += ridge * b[k];
                h[k][k] += ridge;
            }
            double[] step = solve(h, g);
            for (int k = 0; k < d; k++) b[k] -= step[k];
        }
        return s.unscale(b);
    }

    /** Columns 1.. standardised (column 0 is the intercept's 1). */
    record Standardised(double[][] z, double[] mean, double[] sd) {
        static Standardised of(double[][] x) {
            int n = x.length, d = x[0].length;
            double[] mean = new double[d], sd = new double[d];
            for (int k = 1; k < d; k++) {
                for (double[] r : x) mean[k] += r[k] / n;
                for (double[] r : x) sd[k] += (r[k] - mean[k]) * (r[k] - mean[k]) / n;
                sd[k] = Math.sqrt(sd[k]) > 1e-9 ? Math.sqrt(sd[k]) : 1;
            }
            double[][] z = new double[n][d];
            for (int i = 0; i < n; i++) {
                z[i][0] = 1;
                for (int k = 1; k < d; k++) z[i][k] = (x[i][k] - mean[k]) / sd[k];
            }
            return new Standardised(z, mean, sd);
        }

        /** Weights on standardised columns -> weights on the raw ones. */
        double[] unscale(double[] b) {
            double[] w = new double[b.length];
            w[0] = b[0];
            for (int k = 1; k < b.length; k++) {
                w[k] = b[k] / sd[k];
                w[0] -= b[k] * mean[k] / sd[k];
            }
            return w;
        }
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    static double[] solve(double[][] a, double[] bv) {
        int n = bv.length;
        double[][] m = new double[n][n + 1];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], 0, m[i], 0, n);
            m[i][n] = bv[i];
        }
        for (int c = 0; c < n; c++) {
            int p = c;
            for (int r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[p][c])) p = r;
            double[] t = m[c];
            m[c] = m[p];
            m[p] = t;
            for (int r = 0; r < n; r++) {
                if (r == c || m[c][c] == 0) continue;
                double f = m[r][c] / m[c][c];
                for (int k = c; k <= n; k++) m[r][k] -= f * m[c][k];
            }
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) out[i] = m[i][i] == 0 ? 0 : m[i][n] / m[i][i];
        return out;
    }

    static double medianOf(double[][] x, int col) {
        List<Double> v = new ArrayList<>();
        for (double[] r : x) if (!Double.isNaN(r[col])) v.add(r[col]);
        return Stats.median(v.stream().mapToDouble(Double::doubleValue).toArray());
    }
}
