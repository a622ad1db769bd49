package io.realskin.texture.engine;

import org.opencv.core.Core;
import org.opencv.core.Mat;

import java.util.ArrayList;
import java.util.List;

/**
 * Gray pixels with alpha as the two channels a PNG of gray and alpha holds. OpenCV decodes such a PNG as BGRA with
 * B = G = R; written back so, as RGBA, it could no longer carry its gray ICC profile, which only a gray image can.
 */
final class GrayAlpha {
    private GrayAlpha() {
    }

    /** Gray and alpha, when every pixel of {@code bgra} has B = G = R; else null. */
    static Mat of(Mat bgra) {
        if (bgra.channels() != 4) return null;
        List<Mat> planes = new ArrayList<>(4);
        Core.split(bgra, planes);
        Mat differs = new Mat();
        try {
            Core.compare(planes.get(0), planes.get(1), differs, Core.CMP_NE);
            if (Core.countNonZero(differs) > 0) return null;
            Core.compare(planes.get(1), planes.get(2), differs, Core.CMP_NE);
            if (Core.countNonZero(differs) > 0) return null;
            Mat out = new Mat();
            Core.merge(List.of(planes.get(0), planes.get(3)), out);
            return out;
        } finally {
            differs.release();
            planes.forEach(Mat::release);
        }
    }
}
