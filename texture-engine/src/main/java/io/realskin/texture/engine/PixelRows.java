package io.realskin.texture.engine;

import org.opencv.core.Mat;

/** An image read strip by strip, for the locality receipt: a decoded image, or the input kept as {@link RegionCopies}. */
interface PixelRows {
    /** An image of the same size, depth and channels (for the layout; its pixels may differ). */
    Mat like();

    /**
     * Rows {@code y0 .. y1-1} (at most {@code scratch}'s height, when the image has to assemble them), as a header the
     * caller releases; {@code scratch} is the caller's own buffer, reused from strip to strip.
     */
    Mat rows(int y0, int y1, Mat scratch);

    static PixelRows of(Mat pixels) {
        return new PixelRows() {
            @Override
            public Mat like() {
                return pixels;
            }

            @Override
            public Mat rows(int y0, int y1, Mat scratch) {
                return pixels.rowRange(y0, y1);
            }
        };
    }
}
