package io.realskin.imaging.opencv;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.imgproc.Imgproc;

/**
 * How much each pixel of a user's mask is painted: its gray (luma) times its alpha, so a transparent pixel paints
 * nothing whatever its colour (a mask drawn white on transparent white is the stroke, not a white sheet). The texture
 * engine's local mode and generation-service's inpaint read masks with it, so a mask means the same to both.
 */
public final class MaskPaint {
    private MaskPaint() {
    }

    /** 0..255 per pixel (CV_8U, a new Mat) of a decoded mask of 8 or 16 bits: gray, gray + alpha, BGR or BGRA. */
    public static Mat of(Mat picture) {
        int channels = picture.channels();
        double max = CvType.depth(picture.type()) == CvType.CV_16U ? 65535 : 255;
        Mat gray = new Mat(), alpha = null, out = new Mat();
        try {
            if (channels <= 2) Core.extractChannel(picture, gray, 0);
            else Imgproc.cvtColor(picture, gray, channels == 4 ? Imgproc.COLOR_BGRA2GRAY : Imgproc.COLOR_BGR2GRAY);
            if (channels == 2 || channels == 4) {
                alpha = new Mat();
                Core.extractChannel(picture, alpha, channels - 1);
            }
            if (alpha == null) {
                gray.convertTo(out, CvType.CV_8U, 255 / max);
            } else {
                gray.convertTo(gray, CvType.CV_32F);
                alpha.convertTo(alpha, CvType.CV_32F);
                Core.multiply(gray, alpha, gray, 255 / (max * max));
                gray.convertTo(out, CvType.CV_8U); // rounds
            }
            return out;
        } finally {
            gray.release();
            if (alpha != null) alpha.release();
        }
    }
}
