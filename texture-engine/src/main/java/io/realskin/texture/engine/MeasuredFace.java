package io.realskin.texture.engine;

import org.opencv.core.Mat;
import org.opencv.core.Rect;

import java.util.ArrayList;
import java.util.List;

/**
 * A face's region, its skin mask (analysis scale, weights 0..1), the statistics of that skin and the frame's
 * evidence around it: what the restore, the score and the benchmarks work from. Owns native memory: close it.
 */
public record MeasuredFace(FaceRegion region, Mat mask, SkinStatistics stats, FrameEvidence evidence)
        implements AutoCloseable {

    /**
     * Region, skin mask, statistics and frame evidence of each face, in the order given.
     *
     * @param jpegQuality the input's JPEG quality, 100 for a lossless input
     */
    public static List<MeasuredFace> measure(Mat bgr8, List<FaceDetection> faces, int jpegQuality) {
        List<Rect> regions = new ArrayList<>();
        for (FaceDetection f : faces) regions.add(FaceRegion.regionFor(f, bgr8.cols(), bgr8.rows()));
        List<MeasuredFace> out = new ArrayList<>();
        for (FaceDetection f : faces) {
            FaceRegion r = FaceRegion.of(bgr8, f);
            Mat mask = SkinMaskBuilder.build(r);
            out.add(new MeasuredFace(r, mask, SkinStatistics.measure(r.smallGray(), mask),
                    FrameEvidence.measure(bgr8, r, mask, regions, jpegQuality)));
        }
        return out;
    }

    /**
     * Region, skin mask and statistics again after a restore, keeping each face's frame evidence: the restore only
     * changes skin, and the evidence is measured away from it.
     */
    static List<MeasuredFace> remeasure(Mat bgr8, List<MeasuredFace> before) {
        List<MeasuredFace> out = new ArrayList<>();
        for (MeasuredFace m : before) {
            FaceRegion r = FaceRegion.of(bgr8, m.region().face());
            Mat mask = SkinMaskBuilder.build(r);
            out.add(new MeasuredFace(r, mask, SkinStatistics.measure(r.smallGray(), mask), m.evidence()));
        }
        return out;
    }

    @Override
    public void close() {
        region.close();
        mask.release();
    }
}
