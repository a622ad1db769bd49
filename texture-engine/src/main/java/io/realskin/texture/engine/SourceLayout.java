package io.realskin.texture.engine;

import io.realskin.imaging.IccProfile;
import io.realskin.imaging.ImageFormat;
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

    /**
     * A decoded image: gray when it decodes to one channel, or to four with B = G = R under a gray profile (OpenCV's
     * decode of a gray PNG with alpha, as {@link TextureEngine}'s restore writes it back); its alpha (8 bits) when it
     * has four.
     */
    static SourceLayout of(DecodedImage img) {
        Mat pixels = img.pixels();
        if (pixels.channels() == 1) return new SourceLayout(true, null);
        if (pixels.channels() != 4) return COLOUR;
        boolean gray = false;
        if (img.iccProfile() != null && IccProfile.describes(img.iccProfile(), 2)) {
            Mat grayAlpha = GrayAlpha.of(pixels);
            gray = grayAlpha != null;
            if (gray) grayAlpha.release();
        }
        Mat alpha = new Mat();
        Core.extractChannel(pixels, alpha, 3);
        if (CvType.depth(alpha.type()) == CvType.CV_8U) return new SourceLayout(gray, alpha);
        Mat eight = new Mat();
        alpha.convertTo(eight, CvType.CV_8U, 1.0 / 257.0);
        alpha.release();
        return new SourceLayout(gray, eight);
    }

    /**
     * The cleaned BGR in the input's layout, for a result in {@code format}: gray (with its alpha as gray and alpha
     * in a PNG, the one result format that holds them so), or with the alpha resized to it when the colour was upscaled
     * (bicubic, saturated to 0-255, so a hard edge is 0 and 255 on its two sides as before and a constant alpha stays
     * that constant), or {@code bgr} itself. Does not release {@code bgr}.
     */
    Mat apply(Mat bgr, ImageFormat format) {
        if (gray && alpha == null) {
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
        if (gray && format == ImageFormat.PNG) { // gray and alpha: the one format of ours that holds them as such
            Mat g = new Mat();
            Imgproc.cvtColor(bgr, g, Imgproc.COLOR_BGR2GRAY);
            Core.merge(java.util.List.of(g, sized), out);
            g.release();
        } else {
            Imgproc.cvtColor(bgr, out, Imgproc.COLOR_BGR2BGRA);
            Core.insertChannel(sized, out, 3);
        }
        if (sized != alpha) sized.release();
        return out;
    }

    @Override
    public void close() {
        if (alpha != null) alpha.release();
    }
}
