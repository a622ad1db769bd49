package io.realskin.texture.engine;

import io.realskin.imaging.opencv.MaskPaint;
import io.realskin.imaging.ImageInfo;
import io.realskin.imaging.ImageRejectedException;
import io.realskin.imaging.ImageLimits;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

/**
 * The local-mode mask: a PNG (or any image we read), white = work here, black = leave byte-identical,
 * gray = partial. A pixel's paint is its gray (luma) times its alpha: a transparent pixel is unpainted whatever its
 * colour. Read as 8-bit; it must be the image's size as shown (both upright), as the gateway requires: a mask of
 * another size is refused, never stretched.
 */
final class UserMask {
    private UserMask() {
    }

    public static Mat load(byte[] bytes, int width, int height, ImageLimits limits) {
        ImageInfo info = SafeImageDecoder.admit(bytes, limits, "mask ");
        int maskWidth = info.transposed() ? info.height() : info.width();
        int maskHeight = info.transposed() ? info.width() : info.height();
        if (maskWidth != width || maskHeight != height) {
            // a mask painted on another grid (a photo's stored one, before its orientation) would work elsewhere
            throw ImageRejectedException.badImage("the mask is " + maskWidth + "x" + maskHeight + " but the image is " + width
                    + "x" + height + " (as shown, its EXIF orientation applied): a mask must be the image's size");
        }
        Mat picture;
        try {
            picture = SafeImageDecoder.uprightPixels(bytes, info);
        } catch (ImageRejectedException e) {
            throw ImageRejectedException.badImage("could not decode the mask image");
        }
        Mat m = MaskPaint.of(picture);
        picture.release();
        return m;
    }

    /**
     * A face's skin weights (analysis scale) times the user's mask over its region: the skin a masked restore works on,
     * which its report measures; null when that holds too little skin to measure ({@link SkinStatistics#usable()}), so
     * the report measures the whole face's skin.
     */
    static Mat skinInside(Mat userMask, MeasuredFace m) {
        Mat um = userMask.submat(m.region().roi());
        Mat w = new Mat();
        try {
            um.convertTo(w, CvType.CV_32F, 1 / 255.0);
            AnalysisResample.resize(w, w, m.mask().size());
            Core.multiply(w, m.mask(), w);
            if (SkinStatistics.measure(m.region().smallGray(), w).usable()) return w;
            w.release();
            return null;
        } finally {
            um.release();
        }
    }
}
