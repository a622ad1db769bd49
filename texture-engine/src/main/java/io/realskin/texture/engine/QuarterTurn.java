package io.realskin.texture.engine;

import org.opencv.core.Core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A quarter turn of the detectors' copy, and the way back. BlazeFace was trained on faces that stand roughly upright:
 * on a face lying on its side it places the keypoints up to 25 degrees short of the true roll, and on an upside-down
 * face it places them as if the face stood upright, so the region, the skin mask and the zones would be laid over
 * hair and background. On a copy turned so that the face stands upright it finds the face with a higher confidence
 * and true keypoints; {@link #choose} keeps, per face, the orientation the detector is surest of.
 */
enum QuarterTurn {
    CLOCKWISE(Core.ROTATE_90_CLOCKWISE, "turned-cw"),
    HALF(Core.ROTATE_180, "turned-180"),
    COUNTERCLOCKWISE(Core.ROTATE_90_COUNTERCLOCKWISE, "turned-ccw");

    /**
     * A face seen only on a turned copy (none of the upright passes' faces overlaps it) is kept from this confidence
     * up, above the upright passes' 0.6: a face the upright passes find is found at 0.8 to 0.99 on the copy where it
     * stands upright, and each turned copy is another chance for a false face in a faceless picture.
     */
    static final double TURNED_ONLY_MIN_SCORE = 0.75;
    private static final double SAME_FACE_IOU = 0.3;

    /** {@link Core#rotate} code. */
    final int rotateCode;
    private final String label;

    QuarterTurn(int rotateCode, String label) {
        this.rotateCode = rotateCode;
        this.label = label;
    }

    /** x of the turned copy's point (x, y) in the original, whose size is w x h (pixel-edge coordinates). */
    double backX(double x, double y, int w, int h) {
        return switch (this) {
            case CLOCKWISE -> y;
            case HALF -> w - x;
            case COUNTERCLOCKWISE -> w - y;
        };
    }

    double backY(double x, double y, int w, int h) {
        return switch (this) {
            case CLOCKWISE -> h - x;
            case HALF -> h - y;
            case COUNTERCLOCKWISE -> x;
        };
    }

    /** A face found on the turned copy, in the coordinates of the original (w x h). */
    FaceDetection back(FaceDetection f, int w, int h) {
        double[] kp = new double[f.keypoints().length];
        for (int i = 0; i + 1 < kp.length; i += 2) {
            kp[i] = backX(f.keypoints()[i], f.keypoints()[i + 1], w, h);
            kp[i + 1] = backY(f.keypoints()[i], f.keypoints()[i + 1], w, h);
        }
        double x0 = backX(f.x(), f.y(), w, h), y0 = backY(f.x(), f.y(), w, h);
        double x1 = backX(f.x() + f.width(), f.y() + f.height(), w, h);
        double y1 = backY(f.x() + f.width(), f.y() + f.height(), w, h);
        return new FaceDetection(Math.min(x0, x1), Math.min(y0, y1), Math.abs(x1 - x0), Math.abs(y1 - y0), kp, f.score(),
                f.source() + "-" + label);
    }

    List<FaceDetection> back(List<FaceDetection> faces, int w, int h) {
        List<FaceDetection> out = new ArrayList<>(faces.size());
        for (FaceDetection f : faces) out.add(back(f, w, h));
        return out;
    }

    /** True when {@link #choose} would change {@code faces} with any of {@code turned}. */
    static boolean improves(List<FaceDetection> faces, List<FaceDetection> turned) {
        for (FaceDetection t : turned) {
            if (replaces(t, faces)) return true;
        }
        return false;
    }

    /**
     * {@code faces} with every face that a turned detection overlaps replaced by it when the detector is surer of the
     * turned one, and the turned detections that overlap none added from {@link #TURNED_ONLY_MIN_SCORE} up.
     */
    static List<FaceDetection> choose(List<FaceDetection> faces, List<FaceDetection> turned) {
        List<FaceDetection> out = new ArrayList<>(faces);
        List<FaceDetection> byScore = new ArrayList<>(turned);
        byScore.sort(Comparator.comparingDouble(FaceDetection::score).reversed());
        for (FaceDetection t : byScore) {
            if (replaces(t, out)) {
                out.removeIf(f -> sameFace(f, t));
                out.add(t);
            }
        }
        return out;
    }

    /**
     * The same face seen in two orientations: overlapping boxes, or one box's centre inside the other (the upright
     * passes box an upside-down face around its chin and mouth, off the box it has the right way up).
     */
    private static boolean sameFace(FaceDetection a, FaceDetection b) {
        return a.iou(b) > SAME_FACE_IOU || contains(a, b.centerX(), b.centerY()) || contains(b, a.centerX(), a.centerY());
    }

    private static boolean contains(FaceDetection f, double x, double y) {
        return x >= f.x() && x <= f.x() + f.width() && y >= f.y() && y <= f.y() + f.height();
    }

    /**
     * In a picture where some face stands another way up (a turned detection won), a face only the upright passes show
     * is held to the bar a face only a turned copy shows is held to: the upright orientation is no longer the picture's
     * default, and the upright passes, looking at faces that lie or stand on their heads, find hair and hands at
     * 0.6-0.7. {@code faces} as they are when none is turned.
     */
    static List<FaceDetection> evenBar(List<FaceDetection> faces) {
        boolean turnedPicture = false;
        for (FaceDetection f : faces) turnedPicture |= isTurned(f);
        if (!turnedPicture) return faces;
        List<FaceDetection> out = new ArrayList<>(faces.size());
        for (FaceDetection f : faces) {
            if (f.score() >= TURNED_ONLY_MIN_SCORE || isTurned(f)) out.add(f);
        }
        return out;
    }

    private static boolean isTurned(FaceDetection f) {
        for (QuarterTurn turn : values()) {
            if (f.source().endsWith("-" + turn.label)) return true;
        }
        return false;
    }

    private static boolean replaces(FaceDetection turned, List<FaceDetection> faces) {
        boolean overlaps = false;
        for (FaceDetection f : faces) {
            if (sameFace(f, turned)) {
                if (f.score() >= turned.score()) return false;
                overlaps = true;
            }
        }
        return overlaps || turned.score() >= TURNED_ONLY_MIN_SCORE;
    }
}
