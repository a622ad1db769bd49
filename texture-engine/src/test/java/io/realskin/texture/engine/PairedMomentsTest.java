package io.realskin.texture.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PairedMomentsTest {
    private static PairedMoments of(double[] xs, double[] ys) {
        PairedMoments m = new PairedMoments();
        for (int i = 0; i < xs.length; i++) m.add(xs[i], ys[i]);
        return m;
    }

    @Test
    void spreadIsThePopulationStandardDeviation() {
        PairedMoments m = of(new double[] {2, 4, 4, 4, 5, 5, 7, 9}, new double[8]);
        assertEquals(8, m.count());
        assertEquals(2.0, m.stdX(), 1e-12);
    }

    @Test
    void aLinearRelationCorrelatesFullyItsDirectionGivesTheSign() {
        double[] x = {1, 2, 3, 4, 5};
        assertEquals(1.0, of(x, new double[] {3, 5, 7, 9, 11}).correlation(), 1e-12);
        assertEquals(-1.0, of(x, new double[] {10, 8, 6, 4, 2}).correlation(), 1e-12);
    }

    @Test
    void aKnownSampleGivesItsPearsonCorrelation() {
        // x = 1..4, y = 1, 3, 2, 4: covariance 1, variances 1.25 each
        assertEquals(0.8, of(new double[] {1, 2, 3, 4}, new double[] {1, 3, 2, 4}).correlation(), 1e-12);
    }

    @Test
    void aConstantOrNoPixelsCorrelatesWithNothing() {
        assertEquals(0.0, of(new double[] {1, 2, 3}, new double[] {5, 5, 5}).correlation());
        assertEquals(0.0, of(new double[] {7, 7, 7}, new double[] {1, 2, 3}).correlation());
        PairedMoments empty = new PairedMoments();
        assertEquals(0.0, empty.correlation());
        assertEquals(0.0, empty.stdX());
    }
}
