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
 * Synthesizes a zero-mean skin texture field (about unit std) scaled to the face: three band-pass bands
 * (fine grain, pores with dark pits, micro-shadows) whose sizes are fractions of the face width, multiplied by
 * a slow random modulation so no two patches look alike (no tiling, no uniform grain). Each band is made at the
 * coarsest resolution that holds it and upsampled, so cost stays near a few passes over the region.
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

    /**
     * With more than one thread the four bands (they are independent) are made side by side, which holds them all
     * in memory at once; they are summed in the same order either way, so the field does not depend on threads.
     */
    static Mat synthesize(int width, int height, double faceWidthPx, long seed, TextureRecipe recipe, int threads) {
        Mat out = Mat.zeros(height, width, CvType.CV_32F);
        double norm = Math.sqrt(recipe.fine() * recipe.fine() + recipe.pores() * recipe.pores() + recipe.micro() * recipe.micro());
        double[] weights = {recipe.fine() / norm, recipe.pores() / norm, recipe.micro() / norm};
        IntFunction<Mat> bands = i -> switch (i) {
            case 0 -> band(width, height, Math.max(0.5, faceWidthPx * FINE_PER_FACE), seed * 4 + 1, 0, false);
            case 1 -> band(width, height, Math.max(0.6, faceWidthPx * PORE_PER_FACE), seed * 4 + 2, recipe.poreSkew(), false);
            case 2 -> band(width, height, Math.max(0.8, faceWidthPx * MICRO_PER_FACE), seed * 4 + 3, 0.2, false);
            default -> band(width, height, Math.max(2, faceWidthPx * MODULATION_PER_FACE), seed * 4 + 4, 0, true);
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
     * One band at full size: white noise at a reduced resolution where sigma is ~1.5 px, difference of Gaussians
     * (sigma, 2 sigma) for a band-pass (or a plain Gaussian for {@code lowPass}), optional asymmetry
     * (dark pits), normalised to unit std, upsampled.
     */
    static Mat band(int width, int height, double sigma, long seed, double skew, boolean lowPass) {
        double f = Math.min(1.0, 1.5 / sigma);
        int w = Math.max(4, (int) Math.ceil(width * f) + 2);
        int h = Math.max(4, (int) Math.ceil(height * f) + 2);
        double s = sigma * f;
        Mat noise = NoiseField.white(w, h, seed);
        Mat a = new Mat(), b = new Mat();
        try {
            Imgproc.GaussianBlur(noise, a, new Size(0, 0), s);
            if (!lowPass) {
                Imgproc.GaussianBlur(noise, b, new Size(0, 0), 2 * s);
                Core.subtract(a, b, a);
            }
            if (skew > 0) {
                // (1 - skew) * positive part + (1 + skew) * negative part: pits deeper than bumps
                Core.min(a, new Scalar(0), b);
                Core.multiply(a, new Scalar(1 - skew), a);
                Core.scaleAdd(b, 2 * skew, a, a);
            }
            MatOfDouble mean = new MatOfDouble(), std = new MatOfDouble();
            Core.meanStdDev(a, mean, std);
            double sd = Math.max(1e-9, std.get(0, 0)[0]);
            Core.subtract(a, new Scalar(mean.get(0, 0)[0]), a);
            Core.multiply(a, new Scalar(1.0 / sd), a);
            mean.release();
            std.release();
            // the region's part, as a view (it keeps the buffer alive after this method releases its own handle)
            if (f >= 1.0) return a.submat(0, height, 0, width);
            Mat up = new Mat();
            // the noise grid spans w/f pixels; map it so the bands line up with the region
            Imgproc.resize(a, up, new Size(w / f, h / f), 0, 0, Imgproc.INTER_LINEAR);
            Mat cut = up.submat(0, height, 0, width);
            up.release();
            return cut;
        } finally {
            noise.release();
            a.release();
            b.release();
        }
    }
}
