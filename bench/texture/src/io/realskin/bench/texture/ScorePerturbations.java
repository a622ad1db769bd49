package io.realskin.bench.texture;

import io.realskin.texture.engine.FaceDetection;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Simple, general edits that must not turn a waxy face into a photograph or a photograph into wax (docs/texture-engine.md,
 * "What fools the score"), each applied to a whole image's decoded pixels (bench/texture/score-stability) or to a
 * cached face's analysis copy (bench/texture/fit-score's augmented fit):
 * <ul>
 * <li>{@code grain 3}, {@code grain 5}: Gaussian luminance grain of that sigma in gray levels, the same on R, G and B
 * (too faint to see at 3), seeded by the image's name so a run repeats;</li>
 * <li>{@code cut under chin}: the frame ends at 92 % of the face box's height (a tight headshot: the neck and jaw's
 * shadow out of the frame);</li>
 * <li>{@code x1.15}, {@code gamma 0.8}: a brightness gain (values over 255 clipped) and a tone curve
 * 255 (v / 255)^0.8, as any editor applies them.</li>
 * </ul>
 */
final class ScorePerturbations {
    /** One edit of the pixels; {@code scale} is analysis pixels per image pixel (1 on a whole image). */
    interface Edit {
        Mat apply(Mat bgr8, FaceDetection face, double scale, long seed);
    }

    static final Map<String, Edit> EDITS = new LinkedHashMap<>();

    static {
        EDITS.put("grain 3", (m, f, s, seed) -> grain(m, 3 * s, seed));
        EDITS.put("grain 5", (m, f, s, seed) -> grain(m, 5 * s, seed));
        EDITS.put("cut under chin", (m, f, s, seed) -> cutUnder(m, f, 0.92));
        EDITS.put("x1.15", (m, f, s, seed) -> gain(m, 1.15));
        EDITS.put("gamma 0.8", (m, f, s, seed) -> gamma(m, 0.8));
    }

    private ScorePerturbations() {
    }

    /**
     * Luminance grain: a Gaussian of {@code sigma} per pixel added to all three channels, rounded and clipped. On an
     * analysis copy the sigma is the image's times the scale (the anti-aliased reduction averages 1 / scale^2 pixels).
     */
    static Mat grain(Mat bgr8, double sigma, long seed) {
        Random r = new Random(seed);
        int w = bgr8.cols(), h = bgr8.rows();
        byte[] px = new byte[w * h * 3];
        Mat src = bgr8.isContinuous() ? bgr8 : bgr8.clone();
        src.get(0, 0, px);
        for (int i = 0; i < w * h; i++) {
            double n = r.nextGaussian() * sigma;
            for (int c = 0; c < 3; c++) {
                double v = (px[3 * i + c] & 0xff) + n;
                px[3 * i + c] = (byte) Math.max(0, Math.min(255, Math.round(v)));
            }
        }
        Mat out = new Mat(h, w, CvType.CV_8UC3);
        out.put(0, 0, px);
        return out;
    }

    /** The frame cut at {@code share} of the face box's height below its top (nothing cut when that is below the frame). */
    static Mat cutUnder(Mat bgr8, FaceDetection f, double share) {
        int rows = (int) Math.round(f.y() + share * f.height());
        rows = Math.max(1, Math.min(bgr8.rows(), rows));
        return bgr8.submat(new Rect(0, 0, bgr8.cols(), rows)).clone();
    }

    static Mat gain(Mat bgr8, double g) {
        Mat out = new Mat();
        bgr8.convertTo(out, -1, g, 0);
        return out;
    }

    static Mat gamma(Mat bgr8, double g) {
        Mat lut = new Mat(1, 256, CvType.CV_8U);
        byte[] v = new byte[256];
        for (int i = 0; i < 256; i++) v[i] = (byte) Math.round(255 * Math.pow(i / 255.0, g));
        lut.put(0, 0, v);
        Mat out = new Mat();
        Core.LUT(bgr8, lut, out);
        lut.release();
        return out;
    }

    static long seed(String name) {
        return name.hashCode() * 0x9E3779B97F4A7C15L;
    }
}
