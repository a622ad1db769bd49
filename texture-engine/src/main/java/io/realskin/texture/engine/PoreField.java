package io.realskin.texture.engine;

import io.realskin.texture.concurrent.Parallel;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * The pore band: pores as scattered pits, not a uniform grain. Pore centres are drawn at random (a Poisson
 * process whose rate is the zone's density), each with its own depth; each pit is a dark Gaussian hollow, and the
 * band's local mean is taken out (which leaves each hollow a faint raised surround, as a pore's rim, and keeps the
 * skin's tone). Pits are drawn at a small and a large size from the same centres and blended
 * by the zone's pore scale, so a pore on the nose is the same pore a little larger. Then the relief is shaded under
 * the face's light and softened to the frame. Unit std, on the band's grid.
 */
final class PoreField {
    /** Mean distance between pore centres, in pore sigmas (sparse dots, not a speckle). */
    static final double SPACING = 4.5;
    /** The small and large pit, relative to the mean pore sigma. */
    static final double SMALL = 0.7;
    static final double LARGE = 1.4;
    /** The scale, in large pits' sigmas, above which the pore band carries nothing (no local darkening). */
    static final double LOCAL_MEAN = 2;

    private PoreField() {
    }

    /** The grid the band of pore sigma {@code sigma} (region pixels) is made on. */
    static TextureSynthesizer.Grid grid(int width, int height, double sigma) {
        return TextureSynthesizer.Grid.of(width, height, sigma);
    }

    /** The band on its grid ({@link #grid}), unit std, on one thread. */
    static Mat onGrid(TextureSynthesizer.Grid g, long seed, SynthesisGuide guide) {
        return onGrid(g, seed, guide, 1);
    }

    /**
     * The band on its grid ({@link #grid}), unit std. Its steps that do not depend on each other (the zones' two maps
     * on the grid and the centres' noise; then the two pit sizes) run side by side on up to {@code threads} threads;
     * each is the same computation on any thread, so the band does not depend on threads.
     */
    static Mat onGrid(TextureSynthesizer.Grid g, long seed, SynthesisGuide guide, int threads) {
        SkinZones zones = guide.zones();
        Mat[] made = new Mat[3]; // the pore density and the size blend on the grid (null without zones), the noise
        Mat[] pit = new Mat[2]; // small, large
        Mat centres = null;
        try {
            Parallel.forEach(3, threads, i -> made[i] = switch (i) {
                case 0 -> zones == null ? null : zones.onGrid(zones.poreDensity, g.f(), g.w(), g.h());
                case 1 -> zones == null ? null : sizeBlend(zones, g);
                default -> NoiseField.white(g.w(), g.h(), seed);
            });
            Mat t = made[1];
            Mat impulses = centres = centres(g, made[2], made[0]);
            Parallel.forEach(2, threads, i -> pit[i] = pits(impulses, (i == 0 ? SMALL : LARGE) * g.s()));
            Mat small = pit[0], large = pit[1];
            if (t == null) {
                Core.addWeighted(small, 0.5, large, 0.5, 0, small);
            } else {
                Core.subtract(large, small, large);
                Core.multiply(large, t, large);
                Core.add(small, large, small);
            }
            // pits darken on average where they are dense: take that local mean out, the blend leaves tone alone
            subtractLocalMean(small, LOCAL_MEAN * LARGE * g.s());
            TextureSynthesizer.normalise(small);
            TextureSynthesizer.shade(small, guide.light());
            g.blur(small, guide.blurPx());
            pit[0] = null;
            return small;
        } finally {
            for (Mat m : made) if (m != null) m.release();
            for (Mat m : pit) if (m != null) m.release();
            if (centres != null) centres.release();
        }
    }

    /** The large pits' share on the grid: 0 at the small pit's scale, 1 at the large one's, linear in log scale. */
    private static Mat sizeBlend(SkinZones zones, TextureSynthesizer.Grid g) {
        Mat t = new Mat();
        Core.log(zones.poreScale, t);
        Core.subtract(t, new Scalar(Math.log(SMALL)), t);
        Core.multiply(t, new Scalar(1 / Math.log(LARGE / SMALL)), t);
        SkinMaskBuilder.clamp01(t);
        Mat onGrid = zones.onGrid(t, g.f(), g.w(), g.h());
        t.release();
        return onGrid;
    }

    /**
     * Impulses at the pore centres, each with its depth (0.5..1), from the grid's white noise; the rate per grid pixel
     * follows the density map.
     */
    private static Mat centres(TextureSynthesizer.Grid g, Mat noise, Mat density) {
        float[] u = MatArrays.floats(noise);
        float[] dens = density == null ? null : MatArrays.floats(density);
        double rate = 1 / (SPACING * g.s() * SPACING * g.s());
        double toUnit = 1 / (2 * Math.sqrt(3)); // NoiseField is uniform on +-sqrt(3)
        float[] out = new float[u.length];
        for (int i = 0; i < u.length; i++) {
            double p = rate * (dens == null ? 1 : dens[i]);
            double v = u[i] * toUnit + 0.5;
            // v below p is the event; v / p is then uniform again: the pore's depth
            if (v < p) out[i] = (float) (0.5 + 0.5 * v / p);
        }
        return MatArrays.floats(out, g.w(), g.h());
    }

    /** A dark Gaussian hollow of sigma {@code s} (grid pixels) at every centre. */
    private static Mat pits(Mat centres, double s) {
        Mat a = new Mat();
        Imgproc.GaussianBlur(centres, a, new Size(0, 0), Math.max(0.5, s));
        // each pit's depth independent of its size: a Gaussian's peak falls as 1/s^2
        Core.multiply(a, new Scalar(-s * s), a);
        return a;
    }

    /** Subtracts the field's Gaussian-weighted local mean (sigma in grid pixels), computed on a quarter-size copy. */
    private static void subtractLocalMean(Mat field, double sigma) {
        Mat small = new Mat(), mean = new Mat();
        try {
            int k = 4;
            Size reduced = new Size(Math.max(1, field.cols() / k), Math.max(1, field.rows() / k));
            Imgproc.resize(field, small, reduced, 0, 0, Imgproc.INTER_AREA);
            Imgproc.GaussianBlur(small, small, new Size(0, 0), Math.max(0.5, sigma * reduced.width / field.cols()));
            Imgproc.resize(small, mean, field.size(), 0, 0, Imgproc.INTER_LINEAR);
            Core.subtract(field, mean, field);
        } finally {
            small.release();
            mean.release();
        }
    }
}
