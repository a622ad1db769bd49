package io.realskin.texture.engine;

import io.realskin.texture.concurrent.Parallel;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;

import java.util.ArrayList;
import java.util.List;

/**
 * Blends a synthesized high-frequency layer into the pixels, in place: {@code out = in * (1 + k * field)} on
 * the colour channels (alpha untouched), in the input's own depth. The field is band-pass and already weighted
 * by the soft mask, so low frequencies (lighting, tone, shape) are left alone and pixels where the field is 0
 * keep their exact values. Works in strips to bound memory; strips may run side by side.
 */
final class TextureApplier {
    static final int STRIP_ROWS = 256;

    private TextureApplier() {
    }

    /** The strips are independent: up to {@code threads} of them are blended at once. */
    static void apply(Mat pixels, Rect roi, Mat field, double k, int threads) {
        int strips = (roi.height + STRIP_ROWS - 1) / STRIP_ROWS;
        Parallel.forEach(strips, threads, s -> applyStrip(pixels, roi, field, k, s * STRIP_ROWS));
    }

    /**
     * {@code plane} (CV_32F) in each colour channel of an image of {@code channels} and {@code alpha} in its alpha
     * channel, into {@code out}: a factor or weight per pixel that leaves alpha as it is told.
     */
    static void perChannel(Mat plane, int channels, double alpha, Mat out) {
        List<Mat> parts = new ArrayList<>();
        for (int c = 0; c < Math.min(3, channels); c++) parts.add(plane);
        Mat alphaPlane = channels == 4 ? new Mat(plane.size(), CvType.CV_32F, new Scalar(alpha)) : null;
        if (alphaPlane != null) parts.add(alphaPlane);
        Core.merge(parts, out);
        if (alphaPlane != null) alphaPlane.release();
    }

    private static void applyStrip(Mat pixels, Rect roi, Mat field, double k, int y) {
        int rows = Math.min(STRIP_ROWS, roi.height - y);
        Rect strip = new Rect(roi.x, roi.y + y, roi.width, rows);
        Mat dst = pixels.submat(strip);
        Mat f = field.submat(y, y + rows, 0, roi.width);
        Mat factor = new Mat(), asFloat = new Mat(), result = new Mat(), factorN = new Mat();
        try {
            f.convertTo(factor, CvType.CV_32F, k, 1.0); // 1 + k * field
            Core.max(factor, new Scalar(0), factor);
            perChannel(factor, pixels.channels(), 1.0, factorN);
            dst.convertTo(asFloat, CvType.CV_32F);
            Core.multiply(asFloat, factorN, asFloat);
            asFloat.convertTo(result, dst.type()); // rounds and saturates
            result.copyTo(dst);
        } finally {
            dst.release();
            f.release();
            factor.release();
            asFloat.release();
            result.release();
            factorN.release();
        }
    }
}
