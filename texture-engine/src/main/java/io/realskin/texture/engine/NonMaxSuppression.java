package io.realskin.texture.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Weighted non-maximum suppression (as MediaPipe does for BlazeFace): overlapping boxes are averaged by score. */
final class NonMaxSuppression {
    private NonMaxSuppression() {
    }

    public static List<FaceDetection> weighted(List<FaceDetection> in, double iouThreshold) {
        List<FaceDetection> remaining = new ArrayList<>(in);
        remaining.sort(Comparator.comparingDouble(FaceDetection::score).reversed());
        List<FaceDetection> out = new ArrayList<>();
        while (!remaining.isEmpty()) {
            FaceDetection best = remaining.get(0);
            List<FaceDetection> cluster = new ArrayList<>();
            List<FaceDetection> rest = new ArrayList<>();
            for (FaceDetection d : remaining) {
                (best.iou(d) > iouThreshold ? cluster : rest).add(d);
            }
            double sw = 0;
            double x = 0, y = 0, w = 0, h = 0;
            double[] kp = new double[best.keypoints().length];
            for (FaceDetection d : cluster) {
                double s = d.score();
                sw += s;
                x += s * d.x();
                y += s * d.y();
                w += s * d.width();
                h += s * d.height();
                for (int i = 0; i < kp.length; i++) kp[i] += s * d.keypoints()[i];
            }
            for (int i = 0; i < kp.length; i++) kp[i] /= sw;
            out.add(new FaceDetection(x / sw, y / sw, w / sw, h / sw, kp, best.score(), best.source()));
            remaining = rest;
        }
        return out;
    }
}
