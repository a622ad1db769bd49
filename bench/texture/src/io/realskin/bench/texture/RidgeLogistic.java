package io.realskin.bench.texture;

/**
 * Weighted logistic regression with a ridge penalty, by Newton steps. Features are standardised (weighted mean and
 * std) before the fit so one ridge suits them all; the returned coefficients apply to the raw features:
 * {@code z = b[0] + sum b[k+1] x[k]}.
 */
final class RidgeLogistic {
    private RidgeLogistic() {
    }

    static double[] fit(double[][] x, int[] y, double[] w, double ridge) {
        int n = x.length, p = x[0].length, d = p + 1;
        double[] mean = new double[p], sd = new double[p];
        double wsum = 0;
        for (int i = 0; i < n; i++) {
            wsum += w[i];
            for (int k = 0; k < p; k++) mean[k] += w[i] * x[i][k];
        }
        for (int k = 0; k < p; k++) mean[k] /= wsum;
        for (int i = 0; i < n; i++) for (int k = 0; k < p; k++) sd[k] += w[i] * Math.pow(x[i][k] - mean[k], 2);
        for (int k = 0; k < p; k++) sd[k] = Math.max(1e-9, Math.sqrt(sd[k] / wsum));
        double[] b = new double[d];
        for (int it = 0; it < 100; it++) {
            double[] g = new double[d];
            double[][] h = new double[d][d];
            for (int i = 0; i < n; i++) {
                double[] xi = new double[d];
                xi[0] = 1;
                for (int k = 0; k < p; k++) xi[k + 1] = (x[i][k] - mean[k]) / sd[k];
                double z = 0;
                for (int k = 0; k < d; k++) z += b[k] * xi[k];
                double q = 1 / (1 + Math.exp(-z));
                for (int k = 0; k < d; k++) {
                    g[k] += w[i] * (q - y[i]) * xi[k];
                    for (int l = 0; l < d; l++) h[k][l] += w[i] * q * (1 - q) * xi[k] * xi[l];
                }
            }
            for (int k = 1; k < d; k++) {
                g[k] += ridge * b[k];
                h[k][k] += ridge;
            }
            double[] step = solve(h, g);
            double moved = 0;
            for (int k = 0; k < d; k++) {
                b[k] -= step[k];
                moved = Math.max(moved, Math.abs(step[k]));
            }
            if (moved < 1e-10) break;
        }
        double[] raw = new double[d];
        raw[0] = b[0];
        for (int k = 0; k < p; k++) {
            raw[k + 1] = b[k + 1] / sd[k];
            raw[0] -= b[k + 1] * mean[k] / sd[k];
        }
        return raw;
    }

    static double predict(double[] b, double[] x) {
        double z = b[0];
        for (int k = 0; k < x.length; k++) z += b[k + 1] * x[k];
        return 1 / (1 + Math.exp(-z));
    }

    /** Gaussian elimination with partial pivoting (the system is small and positive definite). */
    static double[] solve(double[][] a, double[] rhs) {
        int n = rhs.length;
        double[][] m = new double[n][n + 1];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], 0, m[i], 0, n);
            m[i][n] = rhs[i];
        }
        for (int c = 0; c < n; c++) {
            int piv = c;
            for (int r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[piv][c])) piv = r;
            double[] t = m[c];
            m[c] = m[piv];
            m[piv] = t;
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
}
