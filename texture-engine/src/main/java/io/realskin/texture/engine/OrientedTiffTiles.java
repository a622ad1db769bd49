package io.realskin.texture.engine;

import io.realskin.imaging.ImageInfo;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

/**
 * 8-bit tiled TIFFs whose orientation tag is not 1, which OpenCV 4.9 decodes with every tile mirrored in place: decoded
 * upright by {@link io.realskin.imaging.OrientedTiffTiles} (the JDK's TIFF reader) instead, as a matrix.
 */
final class OrientedTiffTiles {
    private OrientedTiffTiles() {
    }

    /**
     * The picture upright (8-bit gray, BGR or BGRA) when it is such a TIFF; null when OpenCV's decoder reads it right.
     * {@code info} is what the probe admitted: the pixel budget is checked before this allocates anything.
     */
    static Mat decodeUpright(byte[] bytes, ImageInfo info) {
        io.realskin.imaging.OrientedTiffTiles.Upright upright = io.realskin.imaging.OrientedTiffTiles.decodeUpright(bytes, info);
        if (upright == null) return null;
        Mat m = new Mat(upright.height(), upright.width(), CvType.CV_8UC(upright.channels()));
        m.put(0, 0, upright.samples());
        return m;
    }
}
