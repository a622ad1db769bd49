package io.realskin.imaging.opencv;

import io.realskin.imaging.ImageInfo;
import org.opencv.core.Mat;

/**
 * The TIFFs that OpenCV 4.9's {@code imdecode} misreads, read by the JDK's TIFF reader instead, upright: gray and
 * alpha ({@link GrayAlphaTiffPixels}: OpenCV drops the alpha) and 8-bit tiles with an orientation tag
 * ({@link UprightTiffTiles}: OpenCV mirrors each tile in place). The texture engine and generation-service decode
 * through this, so an image means the same to both.
 */
public final class JdkTiffPixels {
    private JdkTiffPixels() {
    }

    /**
     * The picture upright (its depth and channels kept: gray, BGR or BGRA) when it is such a TIFF; null for any other
     * image (decode it with OpenCV). {@code info} is what the probe admitted.
     */
    public static Mat decode(byte[] bytes, ImageInfo info) {
        Mat grayAlpha = GrayAlphaTiffPixels.decode(bytes, info);
        return grayAlpha != null ? grayAlpha : UprightTiffTiles.decode(bytes, info);
    }
}
