package io.realskin.generation.imaging;

import io.realskin.imaging.ImageInfo;
import io.realskin.imaging.opencv.JdkTiffPixels;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * The TIFFs OpenCV 4.9's {@code imdecode} misreads (gray and alpha, whose alpha it drops; 8-bit tiles with an
 * orientation tag, which it mirrors in place), decoded upright by the JDK's TIFF reader ({@link JdkTiffPixels},
 * module imaging, as the texture engine does) into a matrix with the channels and depth the {@code imdecode} flag
 * asks for.
 */
final class JdkTiffs {
    private JdkTiffs() {
    }

    /**
     * The picture upright as {@code imdecode(bytes, flags)} would give it if it read such a TIFF right; null for any
     * other image (decode it with OpenCV). {@code flags}: {@code IMREAD_UNCHANGED} (gray, BGR or BGRA as stored, 8 or
     * 16 bits), {@code IMREAD_COLOR} (8-bit BGR) or {@code IMREAD_GRAYSCALE} (8-bit gray).
     */
    static Mat decodeUpright(byte[] bytes, ImageInfo info, int flags) {
        Mat m = JdkTiffPixels.decode(bytes, info);
        if (m == null || flags == Imgcodecs.IMREAD_UNCHANGED) {
            return m;
        }
        int code = switch (flags) {
            case Imgcodecs.IMREAD_GRAYSCALE -> m.channels() == 1 ? -1 : m.channels() == 4 ? Imgproc.COLOR_BGRA2GRAY : Imgproc.COLOR_BGR2GRAY;
            case Imgcodecs.IMREAD_COLOR -> m.channels() == 3 ? -1 : m.channels() == 4 ? Imgproc.COLOR_BGRA2BGR : Imgproc.COLOR_GRAY2BGR;
            default -> -1;
        };
        Mat converted = m;
        try {
            if (code >= 0) {
                converted = new Mat();
                Imgproc.cvtColor(m, converted, code);
            }
            if (CvType.depth(converted.type()) == CvType.CV_16U) { // without IMREAD_ANYDEPTH imdecode gives 8 bits
                converted.convertTo(converted, CvType.CV_8U, 1.0 / 257.0);
            }
            return converted;
        } finally {
            if (converted != m) {
                m.release();
            }
        }
    }
}
