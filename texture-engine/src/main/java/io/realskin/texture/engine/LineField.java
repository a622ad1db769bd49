package io.realskin.texture.engine;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.imgproc.Imgproc;

/**
 * The micro-relief band: fine lines that run the way the face's zones say ({@link SkinZones}: across the forehead,
 * around the eyes and the mouth). White noise is filtered by a groove-shaped kernel (a Gaussian's second derivative
 * across, {@value #LENGTH} times longer along) at four directions, and each pixel takes the directions nearest its
 * own (weights cos^4 of the angle between them, which sum to 1.5 at any angle). Without zones the four are mixed
 * evenly: no direction. Then shaded under the face's light and softened to the frame. Unit std, on the band's grid.
 */
final class LineField {
    /** Length of a line's kernel along it, in sigmas across. */
    static final double LENGTH = 3.0;
    private static final double[] ANGLES = {0, Math.PI / 4, Math.PI / 2, 3 * Math.PI / 4};

    private LineField() {
    }

    /** The grid the band of line sigma {@code sigma} (region pixels) is made on. */
    static TextureSynthesizer.Grid grid(int width, int height, double sigma) {
        // one grid pixel across a line is enough (the lines are smooth along and blurred on upsampling)
        return TextureSynthesizer.Grid.of(width, height, sigma, 1.0);
    }

    /** The band on its grid ({@link #grid}), unit std. */
    static Mat onGrid(TextureSynthesizer.Grid g, long seed, SynthesisGuide guide) {
        SkinZones zones = guide.zones();
        Mat c2 = zones == null ? null : zones.onGrid(zones.lineCos2, g.f(), g.w(), g.h());
        Mat s2 = zones == null ? null : zones.onGrid(zones.lineSin2, g.f(), g.w(), g.h());
        Mat noise = NoiseField.white(g.w(), g.h(), seed);
        Mat out = Mat.zeros(g.h(), g.w(), CvType.CV_32F);
        Mat response = new Mat(), weight = new Mat();
        try {
            for (double angle : ANGLES) {
                Mat kernel = kernel(g.s(), angle);
                Imgproc.filter2D(noise, response, CvType.CV_32F, kernel);
                kernel.release();
                if (c2 == null) {
                    Core.add(out, response, out);
                    continue;
                }
                // cos^2 of the angle between the two directions = (1 + cos of the doubled difference) / 2
                Core.addWeighted(c2, Math.cos(2 * angle) / 2, s2, Math.sin(2 * angle) / 2, 0.5, weight);
                Core.multiply(weight, weight, weight, 1 / 1.5);
                Core.multiply(response, weight, response);
                Core.add(out, response, out);
            }
            TextureSynthesizer.normalise(out);
            TextureSynthesizer.shade(out, guide.light());
            g.blur(out, guide.blurPx());
            Mat result = out;
            out = null;
            return result;
        } finally {
            if (c2 != null) c2.release();
            if (s2 != null) s2.release();
            noise.release();
            if (out != null) out.release();
            response.release();
            weight.release();
        }
    }

    /**
     * A groove along {@code angle} (image coordinates, radians): (1 - c^2/s^2) exp(-c^2/2s^2 - a^2/2(Ls)^2) for c
     * across and a along it, zero mean, unit energy.
     */
    static Mat kernel(double s, double angle) {
        double along = LENGTH * s;
        int r = (int) Math.ceil(3 * along);
        int n = 2 * r + 1;
        float[] k = new float[n * n];
        double ca = Math.cos(angle), sa = Math.sin(angle), sum = 0;
        for (int y = -r, i = 0; y <= r; y++) {
            for (int x = -r; x <= r; x++, i++) {
                double a = x * ca + y * sa, c = -x * sa + y * ca;
                double v = (1 - c * c / (s * s)) * Math.exp(-c * c / (2 * s * s) - a * a / (2 * along * along));
                k[i] = (float) v;
                sum += v;
            }
        }
        double mean = sum / k.length, energy = 0;
        for (int i = 0; i < k.length; i++) {
            k[i] -= (float) mean;
            energy += (double) k[i] * k[i];
        }
        double norm = 1 / Math.sqrt(Math.max(1e-12, energy));
        for (int i = 0; i < k.length; i++) k[i] *= (float) norm;
        return MatArrays.floats(k, n, n);
    }
}
