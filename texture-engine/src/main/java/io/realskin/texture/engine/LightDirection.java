package io.realskin.texture.engine;

import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * The face's main light direction in the image plane: a plane fitted (least squares) to the heavily smoothed skin
 * luminance. Its gradient points towards the light; its size per eye distance, relative to the skin's luminance, says
 * how directional the light is (0 = flat, frontal or overcast; 0.5 = half the luminance gained across one eye
 * distance, a strong side light). Micro-relief is shaded along it, so pits and lines catch light on one side.
 *
 * @param x unit vector towards the light, image x
 * @param y unit vector towards the light, image y
 * @param strength 0..1
 */
record LightDirection(double x, double y, double strength) {
    static final LightDirection FLAT = new LightDirection(1, 0, 0);

    static LightDirection of(FaceRegion r, Mat mask) {
        Mat smooth = new Mat();
        try {
            double d = Math.max(2, r.smallEyeDistance());
            Imgproc.GaussianBlur(r.smallGray(), smooth, new Size(0, 0), 0.15 * d);
            int w = smooth.cols(), h = smooth.rows();
            float[] g = new float[w * h], m = new float[w * h];
            smooth.get(0, 0, g);
            mask.get(0, 0, m);
            // normal equations of l = a + b x + c y over the mask core (sums of 1, x, y, xx, xy, yy, l, xl, yl)
            double n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0, syy = 0, sl = 0, sxl = 0, syl = 0;
            for (int yy = 0; yy < h; yy += 2) {
                for (int xx = 0; xx < w; xx += 2) {
                    int i = yy * w + xx;
                    if (m[i] <= 0.5) continue;
                    double l = g[i];
                    n++;
                    sx += xx;
                    sy += yy;
                    sxx += (double) xx * xx;
                    sxy += (double) xx * yy;
                    syy += (double) yy * yy;
                    sl += l;
                    sxl += xx * l;
                    syl += yy * l;
                }
            }
            if (n < 50) return FLAT;
            double mx = sx / n, my = sy / n, ml = sl / n;
            double cxx = sxx / n - mx * mx, cxy = sxy / n - mx * my, cyy = syy / n - my * my;
            double cxl = sxl / n - mx * ml, cyl = syl / n - my * ml;
            double det = cxx * cyy - cxy * cxy;
            if (!(det > 1e-9) || !(ml > 1)) return FLAT;
            double b = (cyy * cxl - cxy * cyl) / det, c = (cxx * cyl - cxy * cxl) / det;
            double norm = Math.hypot(b, c);
            if (!(norm > 1e-9)) return FLAT;
            double strength = Math.min(1, norm * d / ml);
            return new LightDirection(b / norm, c / norm, strength);
        } finally {
            smooth.release();
        }
    }
}
