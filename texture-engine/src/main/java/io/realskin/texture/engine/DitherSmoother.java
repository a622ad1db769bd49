package io.realskin.texture.engine;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Takes a palette's dither out of the skin before texture goes in ({@link PaletteColours}): in place,
 * {@code out = in + w * (blur(in) - in)} on the colour channels (alpha untouched), the blur a Gaussian of
 * {@value #SIGMA} image pixel, the scale a quantiser dithers at whatever the face's size. {@code w} is the feathered
 * skin mask, exactly 0 wherever the texture may not go ({@link FaceRestorer}), so no other pixel moves.
 */
final class DitherSmoother {
    static final double SIGMA = 1.0;

    private DitherSmoother() {
    }

    /** @param weights CV_32F of the region's size, 0..1 */
    static void apply(Mat pixels, Rect roi, Mat weights) {
        Mat region = pixels.submat(roi);
        Mat blurred = new Mat(), in = new Mat(), diff = new Mat(), w = new Mat(), out = new Mat();
        try {
            // at the region's edges the blur replicates them: the skin's weights fade out before them
            Imgproc.GaussianBlur(region, blurred, new Size(0, 0), SIGMA, SIGMA, Core.BORDER_REPLICATE);
            region.convertTo(in, CvType.CV_32F);
            blurred.convertTo(diff, CvType.CV_32F);
            Core.subtract(diff, in, diff);
            TextureApplier.perChannel(weights, pixels.channels(), 0, w);
            Core.multiply(diff, w, diff);
            Core.add(in, diff, in);
            in.convertTo(out, region.type()); // rounds and saturates
            out.copyTo(region);
        } finally {
            region.release();
            for (Mat m : new Mat[] {blurred, in, diff, w, out}) m.release();
        }
    }
}
