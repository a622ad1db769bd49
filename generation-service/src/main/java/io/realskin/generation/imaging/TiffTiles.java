package io.realskin.generation.imaging;

import io.realskin.imaging.ImageInfo;
import io.realskin.imaging.opencv.UprightTiffTiles;
import org.opencv.core.Mat;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * An 8-bit tiled TIFF whose orientation tag is not 1, which OpenCV 4.9's {@code imdecode} returns with every tile
 * mirrored in place (it reads tiles through libtiff's RGBA interface): decoded upright by the JDK's TIFF reader
 * ({@link UprightTiffTiles}, module imaging, as the texture engine does) into a matrix with the channels the
 * {@code imdecode} flag asks for.
 */
final class TiffTiles {
    private TiffTiles() {
    }

    /**
     * The picture upright as {@code imdecode(bytes, flags)} would give it if it read such tiles right; null for any
     * other image (decode it with OpenCV). {@code flags}: {@code IMREAD_UNCHANGED} (gray, BGR or BGRA as stored),
     * {@code IMREAD_COLOR} (BGR) or {@code IMREAD_GRAYSCALE}.
     */
    static Mat decodeUpright(byte[] bytes, ImageInfo info, int flags) {
        Mat m = UprightTiffTiles.decode(bytes, info);
        if (m == null) {
            return null;
        }
        int code = switch (flags) {
            case Imgcodecs.IMREAD_GRAYSCALE -> m.channels() == 1 ? -1 : m.channels() == 4 ? Imgproc.COLOR_BGRA2GRAY : Imgproc.COLOR_BGR2GRAY;
            case Imgcodecs.IMREAD_COLOR -> m.channels() == 3 ? -1 : m.channels() == 4 ? Imgproc.COLOR_BGRA2BGR : Imgproc.COLOR_GRAY2BGR;
            default -> -1;
        };
        if (code < 0) {
            return m;
        }
        Mat converted = new Mat();
        try {
            Imgproc.cvtColor(m, converted, code);
            return converted;
        } finally {
            m.release();
        }
    }
}
