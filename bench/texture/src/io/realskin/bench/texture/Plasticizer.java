package io.realskin.bench.texture;

import io.realskin.texture.engine.FaceDetection;
import io.realskin.texture.engine.GuidedFilter;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;

import java.util.ArrayList;
import java.util.List;

/**
 * Beauty-retouch smoothing, the benchmark's stand-in for a plastic-skin generator: a self-guided (edge-preserving)
 * filter, radius face/30, eps 0.02, on each face's region, repeated (at most 3 passes) until the main face's skin keeps
 * at most a quarter of its fine-band energy.
 */
final class Plasticizer {
    private Plasticizer() {
    }

    interface Energy {
        double of(Mat bgr);
    }

    static Mat plasticize(Mat bgr, List<FaceDetection> faces, Energy energy) {
        double original = energy.of(bgr);
        Mat out = once(bgr, faces);
        for (int pass = 2; pass <= 3 && energy.of(out) > 0.25 * original; pass++) {
            Mat again = once(out, faces);
            out.release();
            out = again;
        }
        return out;
    }

    static Mat once(Mat bgr, List<FaceDetection> faces) {
        Mat out = bgr.clone();
        for (FaceDetection f : faces) {
            Rect roi = regionOf(f, bgr);
            Mat sub = out.submat(roi);
            Mat fl = new Mat();
            sub.convertTo(fl, CvType.CV_32F, 1 / 255.0);
            List<Mat> ch = new ArrayList<>();
            Core.split(fl, ch);
            int r = (int) Math.max(2, Math.round(f.scaleWidth() / 30.0));
            for (int i = 0; i < ch.size(); i++) {
                Mat q = GuidedFilter.apply(ch.get(i), ch.get(i), r, 0.02);
                ch.get(i).release();
                ch.set(i, q);
            }
            Core.merge(ch, fl);
            fl.convertTo(sub, CvType.CV_8U, 255);
            for (Mat c : ch) c.release();
            fl.release();
            sub.release();
        }
        return out;
    }

    static Rect regionOf(FaceDetection f, Mat bgr) {
        double d = f.eyeDistance();
        int x0 = (int) Math.max(0, f.centerX() - 1.8 * d), x1 = (int) Math.min(bgr.cols(), f.centerX() + 1.8 * d);
        int y0 = (int) Math.max(0, f.centerY() - 2.2 * d), y1 = (int) Math.min(bgr.rows(), f.centerY() + 3.2 * d);
        return new Rect(x0, y0, x1 - x0, y1 - y0);
    }
}
