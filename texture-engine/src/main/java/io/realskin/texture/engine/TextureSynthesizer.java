package io.realskin.texture.engine;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfDouble;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

import java.util.function.IntFunction;

/**
 * Synthesizes a zero-mean skin texture field (unit std) for one face's region, scaled to the face:
 * <ul>
 * <li>fine grain (1/1100 of the face width), undirected;</li>
 * <li>pores: dark pits, their scale (1/660 .. 1/330 of the face) and density following the {@link SkinLayout}
 *     (nose and inner cheeks coarse and dense, forehead and under-eyes fine, eyelids almost none);</li>
 * <li>micro-relief (1/300): fine lines along the layout's directions (forehead and neck across, crow's feet radial,
 *     a faint cross-hatch elsewhere) plus an undirected part;</li>
 * </ul>
 * Pores and micro-relief are height fields shaded with the face's {@link LightDirection} (in a pit the wall across
 * from the light is lit, the near one dark), blurred by the frame's own edge blur so the texture is never sharper than the
 * photo, and modulated by a slow random amplitude (no tiling, no even speckle). Each band is made at the coarsest
 * grid that holds it and upsampled. Deterministic for a seed.
 */
final class TextureSynthesizer {
    static final double FINE_PER_FACE = 1.0 / 1100;
    static final double PORE_PER_FACE = 1.0 / 500;
    static final double MICRO_PER_FACE = 1.0 / 300;
    static final double MODULATION_PER_FACE = 1.0 / 16;
    /** Fine lines are this many times longer than wide. */
    static final double LINE_ELONGATION = 3.0;
    /** Share of the shaded (directional) term in a band at full light directionality. */
    static final double SHADING = 0.6;

    private TextureSynthesizer() {
    }

    /** A uniform layout, flat light, no frame blur (tests). */
    static Mat synthesize(int width, int height, double faceWidthPx, long seed, TextureRecipe recipe, int threads) {
        return synthesize(width, height, faceWidthPx, seed, recipe, null, LightDirection.FLAT, 0, threads);
    }

    /**
     * With more than one thread the four independent parts (pores, fine lines, modulation, grain) are made side by
     * side, which holds them all in memory at once; they are combined in the same order either way, so the field does
     * not depend on threads.
     *
     * @param layout region maps at the analysis scale (null: uniform pores, undirected relief)
     * @param blurPx the frame's edge blur in image pixels (0 = sharp)
     * @param threads threads the parts may be made on (0: every core)
     */
    static Mat synthesize(int width, int height, double faceWidthPx, long seed, TextureRecipe recipe, SkinLayout layout,
                          LightDirection light, double blurPx, int threads) {
        double norm = Math.sqrt(recipe.fine() * recipe.fine() + recipe.pores() * recipe.pores() + recipe.micro() * recipe.micro());
        // relief (pores + micro-relief) is one height field on the pore grid: shaded and modulated there, upsampled once
        double pore = Math.max(0.6, faceWidthPx * PORE_PER_FACE);
        Band.Grid poreGrid = Band.grid(width, height, 0.75 * pore);
        double micro = Math.max(0.8, faceWidthPx * MICRO_PER_FACE);
        Band.Grid microGrid = Band.grid(width, height, micro);
        Band.Grid modGrid = Band.grid(width, height, Math.max(2, faceWidthPx * MODULATION_PER_FACE));
        Band.Grid fineGrid = Band.grid(width, height, Math.max(0.5, faceWidthPx * FINE_PER_FACE));
        IntFunction<Mat> parts = i -> switch (i) {
            case 0 -> pores(poreGrid, pore, seed * 8 + 2, recipe.poreSkew(), layout, blurPx);
            case 1 -> lines(microGrid, micro, seed * 8 + 3, layout, blurPx);
            case 2 -> Band.lowPass(modGrid, seed * 8 + 4);
            default -> fine(fineGrid, seed * 8 + 1, blurPx);
        };
        Mat[] made = new Mat[4];
        if (Parallel.threads(threads) > 1) Parallel.forEach(4, threads, i -> made[i] = parts.apply(i));
        for (int i = 0; i < 4; i++) if (made[i] == null) made[i] = parts.apply(i);
        Mat relief = made[0], lines = made[1], mod = made[2], grain = made[3];
        Mat onPoreGrid = new Mat(), modOnGrid = new Mat(), out = null;
        try {
            Core.multiply(relief, new Scalar(recipe.pores() / norm), relief);
            Imgproc.resize(lines, onPoreGrid, new Size(poreGrid.w(), poreGrid.h()), 0, 0, Imgproc.INTER_LINEAR);
            Core.scaleAdd(onPoreGrid, recipe.micro() / norm, relief, relief);
            relief = Band.shade(relief, light);
            Imgproc.resize(mod, modOnGrid, new Size(poreGrid.w(), poreGrid.h()), 0, 0, Imgproc.INTER_LINEAR);
            // organic variation: amplitude 1 +- 0.45, never below 0.25
            Core.multiply(modOnGrid, new Scalar(0.45), modOnGrid);
            Core.add(modOnGrid, new Scalar(1.0), modOnGrid);
            Core.max(modOnGrid, new Scalar(0.25), modOnGrid);
            Core.multiply(relief, modOnGrid, relief);
            out = Band.upsample(relief, poreGrid);
            // sensor-like fine grain: even, undirected, on its own grid
            Mat grainUp = Band.upsample(grain, fineGrid);
            Core.scaleAdd(grainUp, recipe.fine() / norm, out, out);
            grainUp.release();
            return out;
        } finally {
            for (Mat m : made) m.release();
            onPoreGrid.release();
            modOnGrid.release();
        }
    }

    private static Mat fine(Band.Grid g, long seed, double blurPx) {
        Mat noise = NoiseField.white(g.w(), g.h(), seed);
        try {
            return Band.dog(noise, g.sigma(), blurPx * g.f());
        } finally {
            noise.release();
        }
    }

    /** Pores: fine and coarse band-pass noise mixed by the layout, turned into dark pits as dense as it says. */
    private static Mat pores(Band.Grid g, double pore, long seed, double skew, SkinLayout layout, double blurPx) {
        Mat noise = NoiseField.white(g.w(), g.h(), seed);
        Mat fineP = Band.dog(noise, 0.75 * pore * g.f(), blurPx * g.f());
        Mat coarseP = Band.dog(noise, 1.5 * pore * g.f(), blurPx * g.f());
        noise.release();
        Mat coarse = layout == null ? constant(g, 0.5) : g.resize(layout.poreCoarse());
        Mat density = layout == null ? constant(g, 0.6) : g.resize(layout.poreDensity());
        Mat mixed = new Mat(), t = new Mat(), pits = new Mat();
        try {
            // mixed = (1 - a) fine + a coarse, renormalised by sqrt((1-a)^2 + a^2)
            Core.subtract(coarseP, fineP, mixed);
            Core.multiply(mixed, coarse, mixed);
            Core.add(mixed, fineP, mixed);
            Core.multiply(coarse, coarse, t);
            Mat oneMinus = new Mat();
            Core.subtract(Mat.ones(coarse.size(), CvType.CV_32F), coarse, oneMinus);
            Core.multiply(oneMinus, oneMinus, oneMinus);
            Core.add(t, oneMinus, t);
            Core.sqrt(t, t);
            Core.divide(mixed, t, mixed);
            oneMinus.release();
            // pits where the noise falls below -theta; theta from 2.2 (none) down to 0.3 (dense)
            Core.multiply(density, new Scalar(-1.9), t);
            Core.add(t, new Scalar(2.2), t);
            Core.add(mixed, t, pits);
            Core.min(pits, new Scalar(0), pits);
            // rectified pits carry a local mean that follows the density map: remove it, or it would darken regions
            // and change the coarse relief the target rests on
            Band.removeLocalMean(pits, 4 * g.sigma());
            Band.normalise(pits);
            // height: pits plus a share of the symmetric noise, the whole band scaled by the density
            Core.scaleAdd(mixed, 0.6 * (1 - skew), pits, pits);
            Core.multiply(density, new Scalar(0.8), t);
            Core.add(t, new Scalar(0.2), t);
            Core.multiply(pits, t, pits);
            Band.normalise(pits);
            return pits;
        } finally {
            fineP.release();
            coarseP.release();
            coarse.release();
            density.release();
            mixed.release();
            t.release();
        }
    }

    /** Micro-relief: oriented fine lines weighted by the layout plus an undirected part. */
    private static Mat lines(Band.Grid g, double micro, long seed, SkinLayout layout, double blurPx) {
        Mat noise = NoiseField.white(g.w(), g.h(), seed);
        Mat height = Band.dog(noise, micro * g.f(), blurPx * g.f());
        noise.release();
        if (layout == null) return height;
        Mat iso = g.resize(layout.isotropic());
        Core.multiply(height, iso, height);
        iso.release();
        for (int j = 0; j < SkinLayout.DIRECTIONS; j++) {
            Mat weight = g.resize(layout.lines()[j]);
            Mat line = Band.oriented(g, micro * g.f(), LINE_ELONGATION, layout.imageAngle(j), seed * 16 + j, blurPx * g.f());
            Core.multiply(line, weight, line);
            Core.add(height, line, height);
            weight.release();
            line.release();
        }
        Band.normalise(height);
        return height;
    }

    private static Mat constant(Band.Grid g, double v) {
        return new Mat(g.h(), g.w(), CvType.CV_32F, new Scalar(v));
    }

    /** Band tools on a reduced grid. */
    static final class Band {
        private Band() {
        }

        /** A grid covering width x height image pixels at factor f (the band's sigma is ~1 grid px), 2 px spare. */
        record Grid(int width, int height, double sigma, double f, int w, int h) {
            Mat resize(Mat map) {
                Mat out = new Mat();
                Imgproc.resize(map, out, new Size(w, h), 0, 0, Imgproc.INTER_LINEAR);
                return out;
            }
        }

        static Grid grid(int width, int height, double sigma) {
            double f = Math.min(1.0, 1.0 / sigma);
            return new Grid(width, height, sigma * f, f, Math.max(4, (int) Math.ceil(width * f) + 2),
                    Math.max(4, (int) Math.ceil(height * f) + 2));
        }

        /** Difference of Gaussians (s, 2s) on the noise, each also blurred by the frame's blur b (grid px). */
        static Mat dog(Mat noise, double s, double b) {
            Mat a = new Mat(), c = new Mat();
            Imgproc.GaussianBlur(noise, a, new Size(0, 0), Math.hypot(s, b));
            Imgproc.GaussianBlur(noise, c, new Size(0, 0), Math.hypot(2 * s, b));
            Core.subtract(a, c, a);
            c.release();
            normalise(a);
            return a;
        }

        static Mat lowPass(Grid g, long seed) {
            Mat noise = NoiseField.white(g.w(), g.h(), seed);
            Mat a = new Mat();
            Imgproc.GaussianBlur(noise, a, new Size(0, 0), g.sigma());
            noise.release();
            normalise(a);
            return a;
        }

        /**
         * Line texture along an image angle: noise on a square canvas blurred elongation x s along x and s across,
         * band-passed across, then rotated into the grid.
         */
        static Mat oriented(Grid g, double s, double elongation, double angle, long seed, double b) {
            int size = (int) Math.ceil(Math.hypot(g.w(), g.h())) + 4;
            Mat noise = NoiseField.white(size, size, seed);
            Mat a = new Mat(), c = new Mat(), out = new Mat();
            try {
                double along = Math.hypot(elongation * s, b);
                Imgproc.GaussianBlur(noise, a, new Size(0, 0), along, Math.hypot(s, b));
                Imgproc.GaussianBlur(noise, c, new Size(0, 0), along, Math.hypot(2 * s, b));
                Core.subtract(a, c, a);
                double cos = Math.cos(angle), sin = Math.sin(angle);
                double gx = g.w() / 2.0, gy = g.h() / 2.0, cx = size / 2.0, cy = size / 2.0;
                // inverse map: grid point p -> canvas q = R(-angle)(p - grid centre) + canvas centre
                Mat m = new Mat(2, 3, CvType.CV_64F);
                m.put(0, 0, cos, sin, cx - cos * gx - sin * gy, -sin, cos, cy + sin * gx - cos * gy);
                Imgproc.warpAffine(a, out, m, new Size(g.w(), g.h()), Imgproc.INTER_LINEAR | Imgproc.WARP_INVERSE_MAP);
                m.release();
                normalise(out);
                return out;
            } finally {
                noise.release();
                a.release();
                c.release();
            }
        }

        /**
         * Relief shading: a height field seen under the light. Mixes the height itself (pits dark, as ambient
         * occlusion) with its slope towards the light (lit on the side facing it), by the light's directionality.
         */
        static Mat shade(Mat height, LightDirection light) {
            double alpha = SHADING * light.strength();
            if (alpha <= 0.01) return height;
            Mat dx = new Mat(), dy = new Mat();
            try {
                Imgproc.Sobel(height, dx, CvType.CV_32F, 1, 0, 3, 0.125);
                Imgproc.Sobel(height, dy, CvType.CV_32F, 0, 1, 3, 0.125);
                // Lambert: brightness ~ n.l with n ~ (-dh/dx, -dh/dy, 1): a wall rising towards the light is in shade,
                // so in a pit the wall across from the light is lit and the near one dark
                Core.addWeighted(dx, -light.x(), dy, -light.y(), 0, dx);
                normalise(dx);
                Core.addWeighted(height, 1 - alpha, dx, alpha, 0, height);
                normalise(height);
                return height;
            } finally {
                dx.release();
                dy.release();
            }
        }

        /** Subtracts a Gaussian local mean of scale sigma, computed on a quarter-size copy (it is smooth). */
        static void removeLocalMean(Mat a, double sigma) {
            Mat small = new Mat(), mean = new Mat();
            Size quarter = new Size(Math.max(2, a.cols() / 4), Math.max(2, a.rows() / 4));
            Imgproc.resize(a, small, quarter, 0, 0, Imgproc.INTER_AREA);
            Imgproc.GaussianBlur(small, small, new Size(0, 0), Math.max(0.5, sigma / 4));
            Imgproc.resize(small, mean, a.size(), 0, 0, Imgproc.INTER_LINEAR);
            Core.subtract(a, mean, a);
            small.release();
            mean.release();
        }

        static void normalise(Mat a) {
            MatOfDouble mean = new MatOfDouble(), std = new MatOfDouble();
            Core.meanStdDev(a, mean, std);
            double sd = Math.max(1e-9, std.get(0, 0)[0]);
            Core.subtract(a, new Scalar(mean.get(0, 0)[0]), a);
            Core.multiply(a, new Scalar(1.0 / sd), a);
            mean.release();
            std.release();
        }

        /** The grid back at image resolution, cropped to the region. */
        static Mat upsample(Mat a, Grid g) {
            if (g.f() >= 1.0) return a.submat(0, g.height(), 0, g.width()).clone();
            Mat up = new Mat();
            Imgproc.resize(a, up, new Size(g.w() / g.f(), g.h() / g.f()), 0, 0, Imgproc.INTER_LINEAR);
            Mat cut = up.submat(0, g.height(), 0, g.width()).clone();
            up.release();
            return cut;
        }
    }
}
