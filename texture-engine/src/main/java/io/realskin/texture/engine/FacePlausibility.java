package io.realskin.texture.engine;

import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.MatOfDouble;
import org.opencv.core.Point;

/**
 * Whether a detection the detectors were unsure of shows two eyes. A face's eyes (iris, white, lids, lashes) have
 * contrast, each of them; a patch of skin the detectors half took for a face (a shoulder, an arm) or a patch of wall has
 * little where the "eyes" are, or at one of them only (a tattoo's dot, a mole). Detections from {@link #CHECKED_BELOW}
 * up are taken as they are.
 */
final class FacePlausibility {
    /** Detections at or above this confidence are not checked (as {@link QuarterTurn#TURNED_ONLY_MIN_SCORE}). */
    static final double CHECKED_BELOW = 0.75;
    /**
     * Luminance std (0..255, at the analysis scale, in a disc of 0.12 eye distances) that each eye must reach: the
     * least of a face's two eyes is 7.4 on shared/portraits and copies of them (a dark-eyed face found at 0.97), 38.8
     * on the one real face under 0.75 seen (in a collage of them); 0.6 on a wall and 1.3 to 4.9 on a shoulder the
     * detectors took at 0.60 to 0.70 (docs/texture-engine.md, "Unsure detections").
     */
    static final double MIN_EYE_STD = 6.0;

    private FacePlausibility() {
    }

    static boolean plausible(Mat bgr8, FaceDetection f) {
        if (f.score() >= CHECKED_BELOW) return true;
        try (FaceRegion r = FaceRegion.of(bgr8, f)) {
            int rad = (int) Math.max(2, Math.round(0.12 * r.smallEyeDistance()));
            return Math.min(std(r, r.small(FaceDetection.RIGHT_EYE), rad), std(r, r.small(FaceDetection.LEFT_EYE), rad)) >= MIN_EYE_STD;
        }
    }

    /** Luminance std of the analysis copy in a disc. */
    private static double std(FaceRegion r, Point centre, int radius) {
        Mat disc = SkinSamples.disc(r, centre, radius);
        MatOfDouble mean = new MatOfDouble(), std = new MatOfDouble();
        try {
            if (Core.countNonZero(disc) == 0) return 0;
            Core.meanStdDev(r.smallGray(), mean, std, disc);
            return std.get(0, 0)[0];
        } finally {
            disc.release();
            mean.release();
            std.release();
        }
    }
}
