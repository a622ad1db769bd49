package io.realskin.texture.engine;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.imgproc.Imgproc;

/**
 * A source restore's alpha: the input's, as 8 bits, put back beside the cleaned (and upscaled) colour, so a cut-out
 * stays one. The steps work on the 8-bit BGR working copy, which shows whatever colour the producer left under a
 * transparent pixel.
 */
final class SourceAlpha {
    private SourceAlpha() {
    }

    /** The decoded image's alpha as an 8-bit plane, or null when it has none. */
    static Mat of(DecodedImage img) {
        Mat pixels = img.pixels();
        if (pixels.channels() != 4) return null;
        Mat alpha = new Mat();
        Core.extractChannel(pixels, alpha, 3);
        if (CvType.depth(alpha.type()) == CvType.CV_8U) return alpha;
        Mat eight = new Mat();
        alpha.convertTo(eight, CvType.CV_8U, 1.0 / 257.0);
        alpha.release();
        return eight;
    }

    /**
     * The colour with the alpha, resized to it when the colour was upscaled: bicubic, saturated to 0-255, so a hard
     * edge is 0 and 255 on its two sides as before and a constant alpha stays that constant. Releases neither input.
     */
    static Mat attach(Mat bgr, Mat alpha) {
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
}
