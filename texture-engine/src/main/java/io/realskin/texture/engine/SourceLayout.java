package io.realskin.texture.engine;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.imgproc.Imgproc;

/**
 * What a source restore's result keeps of its input's layout, the steps working on an 8-bit BGR copy: a gray input
 * comes back gray (so its gray ICC profile, which a colour result cannot carry, still says what its levels mean), and
 * an input with alpha keeps it, as 8 bits, so a cut-out stays one (the BGR copy shows whatever colour the producer
 * left under a transparent pixel).
 */
final class SourceLayout implements AutoCloseable {
    static final SourceLayout COLOUR = new SourceLayout(false, null);

    private final boolean gray;
    private final Mat alpha;

    private SourceLayout(boolean gray, Mat alpha) {
        this.gray = gray;
        this.alpha = alpha;
    }

    /** A JPEG read from its coefficients: gray when it has one component. */
    static SourceLayout ofJpeg(int components) {
        return components == 1 ? new SourceLayout(true, null) : COLOUR;
    }

    /** A decoded image: gray when it decodes to one channel; its alpha (8 bits) when it has four. */
    static SourceLayout of(DecodedImage img) {
        Mat pixels = img.pixels();
        if (pixels.channels() == 1) return new SourceLayout(true, null);
        if (pixels.channels() != 4) return COLOUR;
        Mat alpha = new Mat();
        Core.extractChannel(pixels, alpha, 3);
        if (CvType.depth(alpha.type()) == CvType.CV_8U) return new SourceLayout(false, alpha);
        Mat eight = new Mat();
        alpha.convertTo(eight, CvType.CV_8U, 1.0 / 257.0);
        alpha.release();
        return new SourceLayout(false, eight);
    }

    /**
     * The cleaned BGR in the input's layout: gray, or with the alpha resized to it when the colour was upscaled
     * (bicubic, saturated to 0-255, so a hard edge is 0 and 255 on its two sides as before and a constant alpha stays
     * that constant), or {@code bgr} itself. Does not release {@code bgr}.
     */
    Mat apply(Mat bgr) {
        if (gray) {
            Mat out = new Mat();
            Imgproc.cvtColor(bgr, out, Imgproc.COLOR_BGR2GRAY);
            return out;
        }
        if (alpha == null) return bgr;
        Mat sized = alpha;
        if (alpha.cols() != bgr.cols() || alpha.rows() != bgr.rows()) {
            sized = new Mat();
            Imgproc.resize(alpha, sized, bgr.size(), 0, 0, Imgproc.INTER_CUBIC);
        }
        Mat out = new Mat();
        Imgproc.cvtColor(bgr, out, Imgproc.COLOR_BGR2BGRA);
        Core.insertChannel(sized, out, 3);
        if (sized != alpha) sized.release();
        return out;
    }

    @Override
    public void close() {
        if (alpha != null) alpha.release();
    }
}
