package io.realskin.generation.imaging;

import io.realskin.imaging.ImageFormat;
import io.realskin.imaging.ImageInfo;
import org.opencv.core.Core;
import org.opencv.core.Mat;

/**
 * A PNG's {@code eXIf} orientation, applied here: OpenCV applies it only under some decode flags (not
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
        if (orientation <= 1 || orientation > 8) {
            return stored;
        }
        Mat out = new Mat();
        try {
            switch (orientation) {
                case 2 -> Core.flip(stored, out, 1);
                case 3 -> Core.rotate(stored, out, Core.ROTATE_180);
                case 4 -> Core.flip(stored, out, 0);
                case 5 -> Core.transpose(stored, out);
                case 6 -> Core.rotate(stored, out, Core.ROTATE_90_CLOCKWISE);
                case 7 -> {
                    Core.transpose(stored, out);
                    Core.flip(out, out, -1);
                }
                default -> Core.rotate(stored, out, Core.ROTATE_90_COUNTERCLOCKWISE);
            }
            return out;
        } finally {
            stored.release();
        }
    }
}
