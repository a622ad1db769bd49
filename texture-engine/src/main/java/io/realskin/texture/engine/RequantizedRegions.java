package io.realskin.texture.engine;

import io.realskin.texture.jpeg.JpegCoefficients;
import io.realskin.texture.jpeg.JpegPixels;
import org.opencv.core.Mat;
import org.opencv.core.Rect;

import java.util.List;

/**
 * The JPEG coefficient path's {@link Delivery}: once the engine is done, its change goes into the coefficients (the
 * receipt's boxes read from it first), and the faces' regions are decoded again from them (or, when the quantisation
 * kept no block of the change, the input's pixels put back), so the faces are scored on what the file holds after the
 * input's quantisation tables took their share of the added texture.
 */
final class RequantizedRegions implements Delivery {
    private final JpegCoefficients c;
    private final List<FaceDetection> faces;
    private final Rect area;
    private final Mat before;
    private final int margin;
    private final RestoreOptions options;
    private List<LocalityReceipt.Box> boxes = List.of();
    private long recomputed;

    /**
     * @param area   the faces' regions aligned outwards to MCUs (the engine changes pixels only there)
     * @param before the area's pixels before the engine (the caller releases them)
     * @param margin how far a decoder's chroma upsampling carries a changed block (0 without subsampling)
     */
    RequantizedRegions(JpegCoefficients c, List<FaceDetection> faces, Rect area, Mat before, int margin, RestoreOptions options) {
        this.c = c;
        this.faces = faces;
        this.area = area;
        this.before = before;
        this.margin = margin;
        this.options = options;
    }

    @Override
    public Mat settle(DecodedImage img) {
        options.progress().onProgress("encode", 0);
        Mat pixels = img.pixels();
        Mat after = pixels.submat(area);
        try {
            // the receipt's boxes from the engine's change: they hold every block it recomputes
            boxes = LocalityReceipts.boxes(before, after, area.x, area.y, LocalityReceipts.regions(faces, c.width(), c.height()),
                    Math.max(c.mcuWidth(), c.mcuHeight()), margin, c.width(), c.height());
            recomputed = JpegPixels.requantize(c, before, after, area, options.threads());
            if (recomputed == 0) before.copyTo(after); // the quantisation took the whole change: the input's own pixels
        } finally {
            after.release();
        }
        options.progress().onProgress("encode", 0.25);
        if (recomputed > 0) {
            for (FaceDetection f : faces) {
                JpegPixels.decodeInto(c, FaceRegion.regionFor(f, c.width(), c.height()), pixels, options.threads());
            }
        }
        img.invalidateBgr8();
        return img.bgr8();
    }

    /** The receipt's boxes (empty when nothing changed). */
    List<LocalityReceipt.Box> boxes() {
        return boxes;
    }

    /** Component blocks whose coefficients were recomputed. */
    long recomputed() {
        return recomputed;
    }
}
