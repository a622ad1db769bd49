package io.realskin.texture.engine;

import io.realskin.imaging.ImageFormat;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * Encodes a result: JPEG at the input's estimated quality, PNG lossless (on the job's threads, {@link PngEncoder}),
 * WebP lossless, TIFF/BMP with their defaults (lossless).
 */
final class ImageEncoder {
    /** OpenCV's WebP quality that selects lossless coding. */
    static final int WEBP_LOSSLESS = 101;

    private ImageEncoder() {
    }

    /** @param threads threads the encoding may use (0: every core); only PNG uses more than one */
    static byte[] encode(Mat pixels, ImageFormat format, int jpegQuality, int threads) {
        if (format == ImageFormat.PNG && PngEncoder.supports(pixels)) return PngEncoder.encode(pixels, threads);
        MatOfInt params = switch (format) {
            case JPEG -> new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, Math.max(1, Math.min(100, jpegQuality)));
            case PNG -> new MatOfInt(Imgcodecs.IMWRITE_PNG_COMPRESSION, 3);
            // above 100 is libwebp's lossless mode: a lossy WebP would move every pixel outside the faces' boxes
            case WEBP -> new MatOfInt(Imgcodecs.IMWRITE_WEBP_QUALITY, WEBP_LOSSLESS);
            default -> new MatOfInt();
        };
        Mat toWrite = pixels;
        if (format == ImageFormat.JPEG && pixels.channels() == 4) {
            toWrite = new Mat();
            org.opencv.imgproc.Imgproc.cvtColor(pixels, toWrite, org.opencv.imgproc.Imgproc.COLOR_BGRA2BGR);
        }
        if ((format == ImageFormat.JPEG || format == ImageFormat.WEBP || format == ImageFormat.BMP)
                && org.opencv.core.CvType.depth(pixels.type()) != org.opencv.core.CvType.CV_8U) {
            Mat eight = new Mat();
            toWrite.convertTo(eight, org.opencv.core.CvType.CV_8U, 1.0 / 257.0);
            if (toWrite != pixels) toWrite.release();
            toWrite = eight;
        }
        MatOfByte out = new MatOfByte();
        try {
            if (!Imgcodecs.imencode(format.extension(), toWrite, out, params)) {
                throw new IllegalStateException("could not encode " + format);
            }
            return out.toArray();
        } finally {
            out.release();
            params.release();
            if (toWrite != pixels) toWrite.release();
        }
    }
}
