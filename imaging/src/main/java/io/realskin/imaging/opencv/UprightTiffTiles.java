package io.realskin.imaging.opencv;

import io.realskin.imaging.ImageInfo;
import io.realskin.imaging.OrientedTiffTiles;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;

/**
 * 8-bit tiled TIFFs whose orientation tag is not 1, which OpenCV 4.9 decodes with every tile mirrored in place: decoded
 * upright by {@link OrientedTiffTiles} (the JDK's TIFF reader) straight into a matrix, tile by tile, so the picture is
 * never whole on the heap. The texture engine's decodes and generation-service's use it.
 */
public final class UprightTiffTiles {
    private UprightTiffTiles() {
    }

    /**
     * The picture upright (8-bit gray, BGR or BGRA) when it is such a TIFF; null when OpenCV's decoder reads it right.
     * {@code info} is what the probe admitted: the pixel budget is checked before this allocates anything.
     */
    public static Mat decode(byte[] bytes, ImageInfo info) {
        Mat[] upright = new Mat[1];
        try {
            boolean decoded = OrientedTiffTiles.decodeUpright(bytes, info, new OrientedTiffTiles.Target() {
                @Override
                public void start(int width, int height, int channels) {
                    upright[0] = new Mat(height, width, CvType.CV_8UC(channels));
                }

                @Override
                public void put(int x, int y, int width, int height, byte[] samples) {
                    Mat tile = upright[0].submat(new Rect(x, y, width, height));
                    try {
                        tile.put(0, 0, samples, 0, width * height * upright[0].channels());
                    } finally {
                        tile.release();
                    }
                }
            });
            return decoded ? upright[0] : null;
        } catch (RuntimeException e) {
            if (upright[0] != null) upright[0].release();
            throw e;
        }
    }
}
