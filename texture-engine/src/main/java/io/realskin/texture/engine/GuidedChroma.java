package io.realskin.texture.engine;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

/**
 * Chroma of a deblocked JPEG rebuilt from its luma (source-restore): rounds of a guided filter ({@link GuidedFilter}:
 * per window, chroma as the least-squares linear function of luma, the fits averaged), each followed by the projection
 * of the chroma back onto the file's quantisation intervals ({@link JpegConsistency}). JPEG keeps 4:2:0 chroma at
 * quality 25 only at a coarse scale; the local colour-on-luma fit puts chroma edges where the luma's are, and the
 * projection keeps the result an image the file could have come from. Nothing is invented: the filter is a local
 * regression, the projection a constraint.
 */
final class GuidedChroma {
    final int radius;
    final double eps;
    final int rounds;

    /**
     * @param radius window radius (pixels of the planes it is applied to)
     * @param eps    regulariser of the fit (levels^2): luma flatter than that gives no slope
     * @param rounds filter-then-project rounds
     */
    GuidedChroma(int radius, double eps, int rounds) {
        this.radius = radius;
        this.eps = eps;
        this.rounds = rounds;
    }

    /**
     * Rebuilds planes 1 and 2 (cb, cr; w x h, {@code scale} times the file's size) of ycc from plane 0, in place; each
     * round ends with {@code projections} rounds of the projection.
     */
    void apply(float[][] ycc, int w, int h, int scale, int projections, JpegConsistency consistency) {
        Mat luma = mat(ycc[0], w, h);
        for (int r = 0; r < rounds; r++) {
            for (int c = 1; c < 3; c++) {
                Mat p = mat(ycc[c], w, h), q = GuidedFilter.apply(luma, p, radius, eps, Core.BORDER_REPLICATE);
                q.get(0, 0, ycc[c]);
                p.release();
                q.release();
                for (int k = 0; k < projections; k++) consistency.project(ycc[c], scale, c, JpegConsistency.Spread.CUBIC);
            }
        }
        luma.release();
    }

    private static Mat mat(float[] v, int w, int h) {
        Mat m = new Mat(h, w, CvType.CV_32F);
        m.put(0, 0, v);
        return m;
    }
}
