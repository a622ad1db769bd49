package io.realskin.generation.imaging;

import io.realskin.imaging.ImageFormat;
import io.realskin.imaging.ImageInfo;
import io.realskin.imaging.opencv.ExifOrientation;
import org.opencv.core.Mat;

/**
 * When generation-service turns a decode itself, and how ({@link ExifOrientation}, shared with the texture engine): a
 * PNG's {@code eXIf} orientation is applied here: OpenCV applies it only under some decode flags (not
 * {@code IMREAD_UNCHANGED}, which the inpaint image needs for its depth and alpha), and the gateway, the Studio and
 * browsers show such a PNG turned. A JPEG's is applied by OpenCV ({@code IMREAD_COLOR}), a TIFF's by its TIFF decoder
 * whatever the flags; a WebP's EXIF is read by neither.
 */
final class Orientation {
    private Orientation() {
    }

    /** Whether this image's pixels are to be turned here after the decode. */
    static boolean turnedHere(ImageInfo info) {
        return info.format() == ImageFormat.PNG && info.orientation() > 1 && info.orientation() <= 8;
    }

    /** The decoded picture turned as an EXIF orientation says; the input itself when nothing is to be done, else released. */
    static Mat apply(Mat stored, int orientation) {
        Mat upright = ExifOrientation.upright(stored, orientation);
        if (upright != stored) {
            stored.release();
        }
        return upright;
    }
}
