package io.realskin.texture.engine;

/**
 * Running sums of two quantities over a set of pixels, for their spreads and correlation (the texture measures take
 * several of these over the same skin core).
 */
final class PairedMoments {
    /** Variances at or below this count as none: a correlation with a constant is 0. */
    private static final double NO_VARIANCE = 1e-12;

    private double x1, x2, y1, y2, xy;
    private int n;

    void add(double x, double y) {
        n++;
        x1 += x;
        x2 += x * x;
        y1 += y;
        y2 += y * y;
        xy += x * y;
    }

    int count() {
        return n;
    }

    double stdX() {
        return Math.sqrt(varianceX());
    }

    /** Pearson's correlation; 0 with no pixels or when either quantity is constant. */
    double correlation() {
        double vx = varianceX(), vy = varianceY();
        if (vx <= NO_VARIANCE || vy <= NO_VARIANCE) return 0;
        return (xy / n - (x1 / n) * (y1 / n)) / Math.sqrt(vx * vy);
    }

    private double varianceX() {
        return n == 0 ? 0 : Math.max(0, x2 / n - (x1 / n) * (x1 / n));
    }

    private double varianceY() {
        return n == 0 ? 0 : Math.max(0, y2 / n - (y1 / n) * (y1 / n));
    }
}
