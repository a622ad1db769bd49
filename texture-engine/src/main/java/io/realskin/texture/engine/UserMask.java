package io.realskin.texture.engine;

import io.realskin.imaging.ImageRejectedException;
import io.realskin.imaging.ImageLimits;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * The local-mode mask: a PNG (or any image we read), white = work here, black = leave byte-identical,
 * gray = partial. Read as 8-bit gray; a mask of another size is stretched to the image (nearest neighbour).
 */
final class UserMask {
    private UserMask() {
    }

    public static Mat load(byte[] bytes, int width, int height, ImageLimits limits) {
        SafeImageDecoder.admit(bytes, limits, "mask ");
        MatOfByte buf = new MatOfByte(bytes);
        Mat m;
        try {
            m = Imgcodecs.imdecode(buf, Imgcodecs.IMREAD_GRAYSCALE);
        } finally {
            buf.release();
        }
        if (m == null || m.empty()) throw ImageRejectedException.badImage("could not decode the mask image");
        if (m.cols() != width || m.rows() != height) {
            Mat r = new Mat();
            Imgproc.resize(m, r, new Size(width, height), 0, 0, Imgproc.INTER_NEAREST);
            m.release();
            m = r;
        }
        return m;
    }
}
