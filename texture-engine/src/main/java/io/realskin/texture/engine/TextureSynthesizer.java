package io.realskin.texture.engine;

import io.realskin.texture.concurrent.Parallel;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfDouble;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

import java.util.function.IntFunction;

/**
 * Synthesizes a zero-mean skin texture field (about unit std) scaled to the face: fine grain, pores as scattered
 * dark pits ({@link PoreField}), fine lines ({@link LineField}), each sized as a fraction of the face width; the
 * weights it is blended with carry a slow random modulation ({@link #modulate}) so no two patches look alike (no
 * tiling, no uniform grain). A
 * {@link SynthesisGuide} makes the pores and lines follow the face's zones and light and softens the whole field to
 * the frame's own sharpness. Each band is made on the coarsest grid that holds it ({@link Grid}); the pores and lines
 * are upsampled together once, and the fine grain is added to that in strips.
 * Deterministic for a seed.
 */
final class TextureSynthesizer {
    /** Band sizes as fractions of the face width: pore radius ~ 1/500 of a face, as on a 15 cm face. */
    static final double FINE_PER_FACE = 1.0 / 1100;
    static final double PORE_PER_FACE = 1.0 / 500;
    static final double MICRO_PER_FACE = 1.0 / 300;
    static final double MODULATION_PER_FACE = 1.0 / 16;

    private TextureSynthesizer() {
    }

    /** The field with no guide: the same pores and lines all over, unshaded, as sharp as a sharp photo. */
    static Mat synthesize(int width, int height, double faceWidthPx, long seed, TextureRecipe recipe, int threads) {
        return synthesize(width, height, faceWidthPx, seed, recipe, SynthesisGuide.NONE, threads);
    }

    /**
     * The three bands, weighted by the recipe; not yet modulated ({@link #modulate}). The pores and the lines are
     * summed on the pore grid and upsampled once, and the fine grain ({@link FineGrain}) is added to that in place.
     * With more than one thread the pores and the lines are made side by side (and the pore band's independent steps,
     * {@link PoreField#onGrid(Grid, long, SynthesisGuide, int)}), and the fine grain's strips; the field does not
     * depend on threads.
     */
    static Mat synthesize(int width, int height, double faceWidthPx, long seed, TextureRecipe recipe,
                          SynthesisGuide guide, int threads) {
        double norm = Math.sqrt(recipe.fine() * recipe.fine() + recipe.pores() * recipe.pores() + recipe.micro() * recipe.micro());
        Grid fine = Grid.of(width, height, Math.max(0.5, faceWidthPx * FINE_PER_FACE));
        Grid pores = PoreField.grid(width, height, Math.max(0.6, faceWidthPx * PORE_PER_FACE));
        Grid lines = LineField.grid(width, height, Math.max(0.8, faceWidthPx * MICRO_PER_FACE));
        IntFunction<Mat> bands = i -> i == 0 ? PoreField.onGrid(pores, seed * 4 + 2, guide, threads) : LineField.onGrid(lines, seed * 4 + 3, guide);
        Mat[] made = new Mat[2];
        Mat linesOnPores = null, field = null;
        try {
            if (Parallel.threads(threads) > 1) Parallel.forEach(2, threads, i -> made[i] = bands.apply(i));
            for (int i = 0; i < 2; i++) if (made[i] == null) made[i] = bands.apply(i);
            linesOnPores = lines.at(made[1], pores.f(), pores.w(), pores.h());
            Core.addWeighted(made[0], recipe.pores() / norm, linesOnPores, recipe.micro() / norm, 0, made[0]);
            field = pores.toRegion(made[0], width, height);
            addFineGrain(field, fine, seed * 4 + 1, guide.blurPx(), recipe.fine() / norm, threads);
            Mat result = field;
            field = null;
            return result;
        } finally {
            for (Mat m : made) if (m != null) m.release();
            for (Mat m : new Mat[] {linesOnPores, field}) if (m != null) m.release();
        }
    }

    /** The fine grain added to the region's field: in place where its grid is the region's own pixels (nearly always). */
    private static void addFineGrain(Mat field, Grid g, long seed, double blurPx, double gain, int threads) {
        if (g.f() >= 1) {
            FineGrain.addTo(field, g.s(), g.blurOnGrid(blurPx), seed, gain, threads);
            return;
        }
        Mat onGrid = Mat.zeros(g.h(), g.w(), CvType.CV_32F);
        FineGrain.addTo(onGrid, g.s(), g.blurOnGrid(blurPx), seed, gain, threads);
        Mat up = g.toRegion(onGrid, field.cols(), field.rows());
        Core.add(field, up, field);
        onGrid.release();
        up.release();
    }

    /**
     * Multiplies {@code weights} (the region seen at {@code scale} of its size) by the field's slow random modulation,
     * amplitude 1 +- 0.45 and never below 0.25, so no two patches of skin carry the same texture. It varies over a
     * sixteenth of a face, so it is made and applied at the weights' size rather than the field's.
     */
    static void modulate(Mat weights, int width, int height, double faceWidthPx, long seed, double scale) {
        Grid g = Grid.of(width, height, Math.max(2, faceWidthPx * MODULATION_PER_FACE));
        Mat noise = NoiseField.white(g.w(), g.h(), seed * 4 + 4);
        Mat a = new Mat(), mod = null;
        try {
            Imgproc.GaussianBlur(noise, a, new Size(0, 0), g.s());
            normalise(a);
            Core.multiply(a, new Scalar(0.45), a);
            Core.add(a, new Scalar(1.0), a);
            Core.max(a, new Scalar(0.25), a);
            mod = g.at(a, scale, weights.cols(), weights.rows());
            Core.multiply(weights, mod, weights);
        } finally {
            noise.release();
            a.release();
            if (mod != null) mod.release();
        }
    }

    /**
     * The grid a band of {@code sigma} (region pixels) is made on: {@code f} grid pixels per region pixel, where
     * sigma is about 1.5 grid pixels (or the region's own pixels for finer bands), {@code w x h} pixels covering the
     * region, {@code s} the band's sigma on the grid.
     */
    record Grid(double f, int w, int h, double s) {
        static Grid of(int width, int height, double sigma) {
            return of(width, height, sigma, 1.5);
        }

        /** The grid on which a band of {@code sigma} is {@code gridSigma} grid pixels (or the region's own pixels). */
        static Grid of(int width, int height, double sigma, double gridSigma) {
            double f = Math.min(1.0, gridSigma / sigma);
            return new Grid(f, Math.max(4, (int) Math.ceil(width * f) + 2), Math.max(4, (int) Math.ceil(height * f) + 2), sigma * f);
        }

        /** A blur given in region pixels, in grid pixels (0 below a fifth of a grid pixel: not worth a pass). */
        double blurOnGrid(double regionPx) {
            double g = regionPx * f;
            return g > 0.2 ? g : 0;
        }

        /** Softens a grid field by a blur given in region pixels. */
        void blur(Mat field, double regionPx) {
            double g = blurOnGrid(regionPx);
            if (g > 0) Imgproc.GaussianBlur(field, field, new Size(0, 0), g);
        }

        /** The grid field at the region's size, as a view (it keeps the buffer alive after the caller releases its own). */
        Mat toRegion(Mat a, int width, int height) {
            return at(a, 1, width, height);
        }

        /**
         * The grid field {@code a} sampled at {@code scale} output pixels per region pixel, {@code width x height}
         * from the region's corner (another grid's {@code f}, 1 for the region itself); a view when no resampling is
         * needed. The output may come out a pixel or two larger than asked before the cut, never smaller.
         */
        Mat at(Mat a, double scale, int width, int height) {
            double r = scale / f;
            if (Math.abs(r - 1) < 1e-9 && a.cols() >= width && a.rows() >= height) return a.submat(0, height, 0, width);
            Mat resized = new Mat();
            Size size = new Size(Math.max(width, Math.ceil(a.cols() * r)), Math.max(height, Math.ceil(a.rows() * r)));
            Imgproc.resize(a, resized, size, 0, 0, r < 1 ? Imgproc.INTER_AREA : Imgproc.INTER_LINEAR);
            Mat cut = resized.submat(0, height, 0, width);
            resized.release();
            return cut;
        }
    }

    /** Zero mean, unit std, in place. */
    static void normalise(Mat a) {
        MatOfDouble mean = new MatOfDouble(), std = new MatOfDouble();
        Core.meanStdDev(a, mean, std);
        double sd = Math.max(1e-9, std.get(0, 0)[0]);
        Core.subtract(a, new Scalar(mean.get(0, 0)[0]), a);
        Core.multiply(a, new Scalar(1.0 / sd), a);
        mean.release();
        std.release();
    }

    /**
     * (1 - share) * relief + share * its shading under the light, unit std: a slope facing the light is brighter,
     * one facing away darker (Lambert: the normal of a height field h is (-dh/dx, -dh/dy, 1)).
     */
    static void shade(Mat relief, LightDirection light) {
        if (light.shading() <= 0) return;
        Mat gx = new Mat(), gy = new Mat();
        try {
            Imgproc.Sobel(relief, gx, CvType.CV_32F, 1, 0, 3);
            Imgproc.Sobel(relief, gy, CvType.CV_32F, 0, 1, 3);
            Core.addWeighted(gx, -light.x(), gy, -light.y(), 0, gx);
            normalise(gx);
            Core.addWeighted(relief, 1 - light.shading(), gx, light.shading(), 0, relief);
            normalise(relief);
        } finally {
            gx.release();
            gy.release();
        }
    }
}
