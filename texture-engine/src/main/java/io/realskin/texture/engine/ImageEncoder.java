package io.realskin.texture.engine;

import io.realskin.imaging.ImageFormat;
import io.realskin.imaging.ImageRejectedException;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * Encodes a result: JPEG at the input's estimated quality, PNG lossless (on the job's threads, {@link PngEncoder}),
 * WebP lossless, TIFF/BMP with their defaults (lossless; a BMP with alpha by {@link BmpEncoder}, which keeps it).
 */
final class ImageEncoder {
    /** OpenCV's WebP quality that selects lossless coding. */
    static final int WEBP_LOSSLESS = 101;

    private ImageEncoder() {
    }

    /** libjpeg's JPEG_MAX_DIMENSION: a longer side is "Maximum supported image dimension is 65500 pixels". */
    static final int JPEG_MAX_SIDE = 65_500;
    /** libwebp's WEBP_MAX_DIMENSION: the VP8L header codes each side in 14 bits. */
    static final int WEBP_MAX_SIDE = 16_383;

    /**
     * Checks, before any work, that an image of that size can be written in that format: a PNG or TIFF up to the
     * engine's pixel limit can be wider than a JPEG or a WebP can be (OpenCV's encoders failed with their own error,
     * which reached a job as an internal error).
     *
     * @throws ImageRejectedException too_large when a side is over the format's maximum
     */
    static void checkFits(ImageFormat format, long width, long height) {
        int max = format == ImageFormat.JPEG ? JPEG_MAX_SIDE : format == ImageFormat.WEBP ? WEBP_MAX_SIDE : Integer.MAX_VALUE;
        if (width > max || height > max) {
            throw ImageRejectedException.tooLarge("the result would be " + width + "x" + height + ", but a " + format
                    + " is at most " + max + " pixels a side: ask for PNG");
        }
    }

    /** @param threads threads the encoding may use (0: every core); only PNG uses more than one */
    static byte[] encode(Mat pixels, ImageFormat format, int jpegQuality, int threads) {
        checkFits(format, pixels.cols(), pixels.rows());
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
            // OpenCV's BMP writer writes 32 bits as BI_RGB, whose alpha decoders do not read
            if (format == ImageFormat.BMP && toWrite.channels() == 4) return BmpEncoder.encodeBgra(toWrite);
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
