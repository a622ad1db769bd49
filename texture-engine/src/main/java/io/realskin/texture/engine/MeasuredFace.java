package io.realskin.texture.engine;

import org.opencv.core.Mat;

import java.util.ArrayList;
import java.util.List;

/**
 * A face's region, its skin mask (analysis scale, weights 0..1) and the statistics of that skin: what the
 * restore, the score and the benchmarks work from. Owns native memory: close it.
 */
public record MeasuredFace(FaceRegion region, Mat mask, SkinStatistics stats) implements AutoCloseable {

    /** Region, skin mask and statistics of each face, in the order given. */
    public static List<MeasuredFace> measure(Mat bgr8, List<FaceDetection> faces) {
        List<MeasuredFace> out = new ArrayList<>();
        for (FaceDetection f : faces) {
            FaceRegion r = FaceRegion.of(bgr8, f);
            Mat mask = SkinMaskBuilder.build(r);
            out.add(new MeasuredFace(r, mask, SkinStatistics.measure(r.smallGray(), mask)));
        }
        return out;
    }

    @Override
    public void close() {
        region.close();
        mask.release();
    }
}
