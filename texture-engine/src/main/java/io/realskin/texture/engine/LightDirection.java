package io.realskin.texture.engine;

import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * The face's main light in the picture plane, read from its skin's shading: the plane that fits the smoothed
 * luminance of the skin best (weighted by the skin mask) rises towards the light. {@code x, y} is the unit direction
 * towards the light in image coordinates; {@code shading} (0..{@value #MAX_SHADING}) how much of the micro-relief's
 * contrast is light and shadow on its slopes rather than dark pits: none under flat frontal light, the most when
 * one side of the face is far brighter than the other.
 */
record LightDirection(double x, double y, double shading) {
    static final LightDirection FLAT = new LightDirection(1, 0, 0);
    /** Largest share of shading in the relief (the pits stay dark under any light). */
    static final double MAX_SHADING = 0.5;
    /** Brightness change across one face width, relative to the mean, at which the shading share is largest. */
    static final double FULL_SIDE_LIGHT = 0.5;

    /** @param gray analysis-scale luminance (CV_32F 0..255), @param mask skin weights 0..1 of the same size */
    static LightDirection of(Mat gray, Mat mask, double faceWidth) {
        Mat smooth = new Mat();
        try {
            Imgproc.GaussianBlur(gray, smooth, new Size(0, 0), Math.max(2, faceWidth / 40));
            int w = gray.cols(), h = gray.rows();
            float[] l = MatArrays.floats(smooth), m = MatArrays.floats(mask);
            // weighted least squares for l = c + gx * x + gy * y, with x, y centred on the skin's weighted mean
            double sw = 0, sx = 0, sy = 0, sl = 0;
            for (int y = 0, i = 0; y < h; y++) {
                for (int x = 0; x < w; x++, i++) {
                    double wi = m[i];
                    sw += wi;
                    sx += wi * x;
                    sy += wi * y;
                    sl += wi * l[i];
                }
            }
            if (sw < 50) return FLAT;
            double mx = sx / sw, my = sy / sw, ml = sl / sw;
            double xx = 0, xy = 0, yy = 0, xl = 0, yl = 0;
            for (int y = 0, i = 0; y < h; y++) {
                for (int x = 0; x < w; x++, i++) {
                    double wi = m[i];
                    if (wi == 0) continue;
                    double dx = x - mx, dy = y - my, dl = l[i] - ml;
                    xx += wi * dx * dx;
                    xy += wi * dx * dy;
                    yy += wi * dy * dy;
                    xl += wi * dx * dl;
                    yl += wi * dy * dl;
                }
            }
            double det = xx * yy - xy * xy;
            if (!(det > 1e-9) || !(ml > 1)) return FLAT;
            double gx = (yy * xl - xy * yl) / det, gy = (xx * yl - xy * xl) / det;
            double g = Math.hypot(gx, gy);
            if (!(g > 1e-9)) return FLAT;
            double acrossFace = g * faceWidth / ml;
            double shading = MAX_SHADING * Math.min(1, acrossFace / FULL_SIDE_LIGHT);
            return new LightDirection(gx / g, gy / g, shading);
        } finally {
            smooth.release();
        }
    }
}
