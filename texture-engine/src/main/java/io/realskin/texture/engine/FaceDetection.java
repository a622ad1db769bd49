package io.realskin.texture.engine;

/**
 * One detected face in image pixels: box (x, y, w, h), six keypoints and a confidence.
 * Keypoints (x, y pairs) follow BlazeFace: right eye, left eye, nose tip, mouth centre,
 * right ear tragion, left ear tragion ("right" = the subject's right, the left side of the picture).
 */
public record FaceDetection(double x, double y, double width, double height, double[] keypoints, double score,
                            String source) {
    public static final int RIGHT_EYE = 0;
    public static final int LEFT_EYE = 1;
    public static final int NOSE = 2;
    public static final int MOUTH = 3;

    public double kx(int k) {
        return keypoints[2 * k];
    }

    public double ky(int k) {
        return keypoints[2 * k + 1];
    }

    public double eyeDistance() {
        return Math.max(1.0, Math.hypot(kx(LEFT_EYE) - kx(RIGHT_EYE), ky(LEFT_EYE) - ky(RIGHT_EYE)));
    }

    /** In-plane rotation of the eye line, radians (0 = eyes level). */
    public double roll() {
        return Math.atan2(ky(LEFT_EYE) - ky(RIGHT_EYE), kx(LEFT_EYE) - kx(RIGHT_EYE));
    }

    public double centerX() {
        return x + width / 2;
    }

    public double centerY() {
        return y + height / 2;
    }

    /** Face width used to scale texture: the larger of the box width and 2.2 eye distances. */
    public double scaleWidth() {
        return Math.max(width, 2.2 * eyeDistance());
    }

    /** This face in an image scaled by {@code kx} across and {@code ky} down (box and keypoints). */
    public FaceDetection scaled(double kx, double ky) {
        double[] kp = keypoints.clone();
        for (int i = 0; i + 1 < kp.length; i += 2) {
            kp[i] *= kx;
            kp[i + 1] *= ky;
        }
        return new FaceDetection(x * kx, y * ky, width * kx, height * ky, kp, score, source);
    }

    /** The box cut to a w x h image (at least one pixel each way); the keypoints as they are. */
    public FaceDetection clippedTo(int w, int h) {
        double x0 = Math.max(0, x), y0 = Math.max(0, y);
        double x1 = Math.min(w, x + width), y1 = Math.min(h, y + height);
        return new FaceDetection(x0, y0, Math.max(1, x1 - x0), Math.max(1, y1 - y0), keypoints, score, source);
    }

    public double iou(FaceDetection o) {
        double ix = Math.max(0, Math.min(x + width, o.x + o.width) - Math.max(x, o.x));
        double iy = Math.max(0, Math.min(y + height, o.y + o.height) - Math.max(y, o.y));
        double inter = ix * iy;
        double union = width * height + o.width * o.height - inter;
        return union <= 0 ? 0 : inter / union;
    }

    /** Keypoints guessed from a box alone (cascade fallback). */
    public static double[] keypointsFromBox(double x, double y, double w, double h) {
        return new double[] {
            x + 0.32 * w, y + 0.38 * h, x + 0.68 * w, y + 0.38 * h, x + 0.5 * w, y + 0.58 * h,
            x + 0.5 * w, y + 0.76 * h, x + 0.08 * w, y + 0.45 * h, x + 0.92 * w, y + 0.45 * h};
    }
}
