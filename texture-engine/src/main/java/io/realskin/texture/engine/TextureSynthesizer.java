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
 * dark pits ({@link PoreField}), fine lines ({@link LineField}), each sized as a fraction of the face width and
 * multiplied by a slow random modulation so no two patches look alike (no tiling, no uniform grain). A
 * {@link SynthesisGuide} makes the pores and lines follow the face's zones and light and softens the whole field to
 * the frame's own sharpness. Each band is made on the coarsest grid that holds it ({@link Grid}) and upsampled, so
 * cost stays near a few passes over the region. Deterministic for a seed.
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
     * With more than one thread the four bands (they are independent) are made side by side, which holds them all
     * in memory at once; they are summed in the same order either way, so the field does not depend on threads.
     */
    static Mat synthesize(int width, int height, double faceWidthPx, long seed, TextureRecipe recipe,
                          SynthesisGuide guide, int threads) {
        Mat out = Mat.zeros(height, width, CvType.CV_32F);
        double norm = Math.sqrt(recipe.fine() * recipe.fine() + recipe.pores() * recipe.pores() + recipe.micro() * recipe.micro());
        double[] weights = {recipe.fine() / norm, recipe.pores() / norm, recipe.micro() / norm};
        IntFunction<Mat> bands = i -> switch (i) {
            case 0 -> band(width, height, Math.max(0.5, faceWidthPx * FINE_PER_FACE), seed * 4 + 1, guide.blurPx());
            case 1 -> PoreField.make(width, height, Math.max(0.6, faceWidthPx * PORE_PER_FACE), seed * 4 + 2, guide);
            case 2 -> LineField.make(width, height, Math.max(0.8, faceWidthPx * MICRO_PER_FACE), seed * 4 + 3, guide);
            default -> modulation(width, height, Math.max(2, faceWidthPx * MODULATION_PER_FACE), seed * 4 + 4);
        };
        Mat[] made = new Mat[4];
        if (Parallel.threads(threads) > 1) Parallel.forEach(4, threads, i -> made[i] = bands.apply(i));
        try {
            for (int i = 0; i < 3; i++) {
                if (made[i] == null) made[i] = bands.apply(i);
                Core.scaleAdd(made[i], weights[i], out, out);
                made[i].release();
            }
            if (made[3] == null) made[3] = bands.apply(3);
            Mat mod = made[3];
            // organic variation: amplitude 1 +- 0.45, never below 0.25
            Core.multiply(mod, new Scalar(0.45), mod);
            Core.add(mod, new Scalar(1.0), mod);
            Core.max(mod, new Scalar(0.25), mod);
            Core.multiply(out, mod, out);
        } finally {
            for (Mat m : made) if (m != null) m.release();
        }
        return out;
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

        /** Softens a grid field by a blur given in region pixels (none below a fifth of a grid pixel). */
        void blur(Mat field, double regionPx) {
            double g = regionPx * f;
            if (g > 0.2) Imgproc.GaussianBlur(field, field, new Size(0, 0), g);
        }

        /** The grid field at the region's size, as a view (it keeps the buffer alive after the caller releases its own). */
        Mat toRegion(Mat a, int width, int height) {
            if (f >= 1.0) return a.submat(0, height, 0, width);
            Mat up = new Mat();
            // the grid spans w/f pixels; map it so the bands line up with the region
            Imgproc.resize(a, up, new Size(w / f, h / f), 0, 0, Imgproc.INTER_LINEAR);
            Mat cut = up.submat(0, height, 0, width);
            up.release();
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

    /** The fine grain: white noise band-passed by a difference of Gaussians (sigma, 2 sigma), unit std, softened. */
    static Mat band(int width, int height, double sigma, long seed, double blurPx) {
        Grid g = Grid.of(width, height, sigma);
        Mat noise = NoiseField.white(g.w(), g.h(), seed);
        Mat a = new Mat(), b = new Mat();
        try {
            Imgproc.GaussianBlur(noise, a, new Size(0, 0), g.s());
            Imgproc.GaussianBlur(noise, b, new Size(0, 0), 2 * g.s());
            Core.subtract(a, b, a);
            normalise(a);
            g.blur(a, blurPx);
            return g.toRegion(a, width, height);
        } finally {
            noise.release();
            a.release();
            b.release();
        }
    }

    /** The slow modulation: low-passed white noise, unit std. */
    static Mat modulation(int width, int height, double sigma, long seed) {
        Grid g = Grid.of(width, height, sigma);
        Mat noise = NoiseField.white(g.w(), g.h(), seed);
        Mat a = new Mat();
        try {
            Imgproc.GaussianBlur(noise, a, new Size(0, 0), g.s());
            normalise(a);
            return g.toRegion(a, width, height);
        } finally {
            noise.release();
            a.release();
        }
    }
}
