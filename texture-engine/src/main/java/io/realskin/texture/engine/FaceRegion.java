package io.realskin.texture.engine;

import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * The part of the image a face's skin can be in (face plus neck), and a copy of it downscaled so the face is
 * at most {@link #ANALYSIS_FACE_WIDTH} pixels wide: masks and statistics are computed at that face-normalised
 * scale, which makes them independent of resolution (smaller faces are analysed as they are).
 * Owns native memory: close it.
 */
public final class FaceRegion implements AutoCloseable {
    /** Face width, in pixels, of the analysis copy. */
    public static final double ANALYSIS_FACE_WIDTH = 256.0;

    private final FaceDetection face;
    private final Rect roi;
    private final double scale;
    private final Mat smallBgr;
    private final Mat smallGray;
    private final boolean paletteColours;

    private FaceRegion(FaceDetection face, Rect roi, double scale, Mat smallBgr, Mat smallGray, boolean paletteColours) {
        this.face = face;
        this.roi = roi;
        this.scale = scale;
        this.smallBgr = smallBgr;
        this.smallGray = smallGray;
        this.paletteColours = paletteColours;
    }

    public static FaceRegion of(Mat bgr8, FaceDetection face) {
        Rect roi = regionFor(face, bgr8.cols(), bgr8.rows());
        // downscale only: a small face is measured at its own resolution (upsampling would invent smoothness)
        double scale = Math.min(1.0, ANALYSIS_FACE_WIDTH / face.scaleWidth());
        int sw = Math.max(8, (int) Math.round(roi.width * scale));
        int sh = Math.max(8, (int) Math.round(roi.height * scale));
        Mat sub = bgr8.submat(roi);
        Mat small = new Mat();
        Mat gray8 = new Mat();
        Mat gray = new Mat();
        try {
            AnalysisResample.resize(sub, small, new Size(sw, sh));
            Imgproc.cvtColor(small, gray8, Imgproc.COLOR_BGR2GRAY);
            gray8.convertTo(gray, CvType.CV_32F);
        } finally {
            sub.release();
            gray8.release();
        }
        return new FaceRegion(face, roi, (double) sw / roi.width, small, gray, PaletteColours.reduced(bgr8, roi));
    }

    /** Face and neck box in image pixels: +-1.6 eye distances across, 1.5 above the eyes to 3.0 below. */
    static Rect regionFor(FaceDetection f, int width, int height) {
        double d = f.eyeDistance();
        double mx = (f.kx(FaceDetection.RIGHT_EYE) + f.kx(FaceDetection.LEFT_EYE)) / 2;
        double my = (f.ky(FaceDetection.RIGHT_EYE) + f.ky(FaceDetection.LEFT_EYE)) / 2;
        double ex = Math.cos(f.roll()), ey = Math.sin(f.roll());
        double ux = ey, uy = -ex; // "up" in image coordinates
        double minX = Double.MAX_VALUE, minY = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
        for (double a : new double[] {-1.6 * d, 1.6 * d}) {
            for (double u : new double[] {-3.0 * d, 1.5 * d}) {
                double px = mx + a * ex + u * ux, py = my + a * ey + u * uy;
                minX = Math.min(minX, px);
                maxX = Math.max(maxX, px);
                minY = Math.min(minY, py);
                maxY = Math.max(maxY, py);
            }
        }
        int x0 = (int) Math.max(0, Math.floor(minX)), y0 = (int) Math.max(0, Math.floor(minY));
        int x1 = (int) Math.min(width, Math.ceil(maxX)), y1 = (int) Math.min(height, Math.ceil(maxY));
        return new Rect(x0, y0, Math.max(1, x1 - x0), Math.max(1, y1 - y0));
    }

    public FaceDetection face() {
        return face;
    }

    /** The region in full-resolution image pixels. */
    public Rect roi() {
        return roi;
    }

    /** Analysis pixels per image pixel. */
    public double scale() {
        return scale;
    }

    /** Whether the region's pixels were reduced to a palette ({@link PaletteColours}): its fine band is the quantiser's. */
    public boolean paletteColours() {
        return paletteColours;
    }

    /** 8-bit BGR analysis copy. */
    public Mat smallBgr() {
        return smallBgr;
    }

    /** CV_32F luminance 0..255 of the analysis copy. */
    public Mat smallGray() {
        return smallGray;
    }

    /** A keypoint in analysis coordinates. */
    public Point small(int keypoint) {
        return new Point((face.kx(keypoint) - roi.x) * scale, (face.ky(keypoint) - roi.y) * scale);
    }

    /** Eye distance in analysis pixels. */
    public double smallEyeDistance() {
        return face.eyeDistance() * scale;
    }

    @Override
    public void close() {
        smallBgr.release();
        smallGray.release();
    }
}
