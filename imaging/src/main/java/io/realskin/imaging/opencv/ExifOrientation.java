package io.realskin.imaging.opencv;

import org.opencv.core.Core;
import org.opencv.core.Mat;

/**
 * An EXIF orientation (1..8) applied to pixels OpenCV decoded as stored: the texture engine's decoder and
 * generation-service's inpaint decode both turn with it (each decides when: OpenCV applies a JPEG's orientation under
 * some flags and a TIFF's always). Package opencv is the one of imaging that needs OpenCV, which its users bring
 * ({@code provided}); the gateway and texture-service, which take imaging without OpenCV, never load it.
 */
public final class ExifOrientation {
    private ExifOrientation() {
    }

    /**
     * The stored picture as the orientation says it is shown: {@code stored} itself for 1 or a value outside 1..8, else
     * a new Mat; {@code stored} is not released.
     */
    public static Mat upright(Mat stored, int orientation) {
        if (orientation <= 1 || orientation > 8) {
            return stored;
        }
        Mat out = new Mat();
        switch (orientation) {
            case 2 -> Core.flip(stored, out, 1); // mirrored left to right
            case 3 -> Core.rotate(stored, out, Core.ROTATE_180);
            case 4 -> Core.flip(stored, out, 0); // mirrored top to bottom
            case 5 -> Core.transpose(stored, out);
            case 6 -> Core.rotate(stored, out, Core.ROTATE_90_CLOCKWISE);
            case 7 -> {
                Core.transpose(stored, out);
                Core.flip(out, out, -1);
            }
            default -> Core.rotate(stored, out, Core.ROTATE_90_COUNTERCLOCKWISE);
        }
        return out;
    }
}
