package io.realskin.texture.engine;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * He et al.'s guided filter (gray guide) written with boxFilter, since openpnp's OpenCV has no ximgproc.
 * Feathers a mask so its edges follow the image's edges; rebuilds source-restore's chroma from its luma
 * ({@link GuidedChroma}).
 */
public final class GuidedFilter {
    private static final Point ANCHOR = new Point(-1, -1);

    private GuidedFilter() {
    }

    /**
     * @param guide CV_32F guide (eps is in its units squared)
     * @param src CV_32F input to smooth
     * @param radius box radius in pixels
     * @param eps regularisation (larger = smoother, less edge-aware)
     */
    public static Mat apply(Mat guide, Mat src, int radius, double eps) {
        return apply(guide, src, radius, eps, Core.BORDER_DEFAULT);
    }

    /** As {@link #apply(Mat, Mat, int, double)}, the box windows extended past the edges by {@code border} (Core.BORDER_*). */
    public static Mat apply(Mat guide, Mat src, int radius, double eps, int border) {
        Size k = new Size(2 * radius + 1, 2 * radius + 1);
        Mat meanI = new Mat(), meanP = new Mat(), corrI = new Mat(), corrIp = new Mat(), tmp = new Mat();
        Mat a = new Mat(), b = new Mat();
        try {
            Imgproc.boxFilter(guide, meanI, CvType.CV_32F, k, ANCHOR, true, border);
            Imgproc.boxFilter(src, meanP, CvType.CV_32F, k, ANCHOR, true, border);
            Core.multiply(guide, guide, tmp);
            Imgproc.boxFilter(tmp, corrI, CvType.CV_32F, k, ANCHOR, true, border);
            Core.multiply(guide, src, tmp);
            Imgproc.boxFilter(tmp, corrIp, CvType.CV_32F, k, ANCHOR, true, border);
            // varI = corrI - meanI^2 ; covIp = corrIp - meanI*meanP
            Core.multiply(meanI, meanI, tmp);
            Core.subtract(corrI, tmp, corrI);
            Core.multiply(meanI, meanP, tmp);
            Core.subtract(corrIp, tmp, corrIp);
            Core.add(corrI, new org.opencv.core.Scalar(eps), corrI);
            Core.divide(corrIp, corrI, a);
            Core.multiply(a, meanI, tmp);
            Core.subtract(meanP, tmp, b);
            Imgproc.boxFilter(a, a, CvType.CV_32F, k, ANCHOR, true, border);
            Imgproc.boxFilter(b, b, CvType.CV_32F, k, ANCHOR, true, border);
            Mat q = new Mat();
            Core.multiply(a, guide, q);
            Core.add(q, b, q);
            return q;
        } finally {
            meanI.release();
            meanP.release();
            corrI.release();
            corrIp.release();
            tmp.release();
            a.release();
            b.release();
        }
    }
}
