package io.realskin.texture.engine;

import io.realskin.imaging.ImageInfo;
import io.realskin.imaging.IccProfile;
import io.realskin.imaging.ImageFormat;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.imgproc.Imgproc;

/**
 * A decoded, upright image. {@link #pixels()} keeps the input's depth (8 or 16 bit) and channels (1, 3 or 4,
 * alpha last, untouched by the engine); {@link #bgr8()} is an 8-bit BGR working copy for analysis.
 * Owns native memory: close it.
 */
public final class DecodedImage implements AutoCloseable {
    private final ImageInfo info;
    private final Mat pixels;
    private final int jpegQuality;
    private final byte[] iccProfile;
    private Mat bgr8;

    DecodedImage(ImageInfo info, Mat pixels, int jpegQuality) {
        this(info, pixels, jpegQuality, null);
    }

    DecodedImage(ImageInfo info, Mat pixels, int jpegQuality, byte[] iccProfile) {
        this.info = info;
        this.pixels = pixels;
        this.jpegQuality = jpegQuality;
        this.iccProfile = iccProfile;
    }

    /** Wraps pixels already in memory (8/16-bit, 1/3/4 channels); the image takes ownership of the Mat. */
    public static DecodedImage of(Mat pixels, ImageFormat format) {
        return new DecodedImage(new ImageInfo(format, pixels.cols(), pixels.rows(), 1, true), pixels,
                JpegQualityEstimator.DEFAULT_QUALITY);
    }

    public ImageInfo info() {
        return info;
    }

    public ImageFormat format() {
        return info.format();
    }

    public int width() {
        return pixels.cols();
    }

    public int height() {
        return pixels.rows();
    }

    public Mat pixels() {
        return pixels;
    }

    public int jpegQuality() {
        return jpegQuality;
    }

    /** The input's ICC profile ({@link IccProfile#of}), which the encoded result carries; null when it had none. */
    public byte[] iccProfile() {
        return iccProfile;
    }

    public boolean sixteenBit() {
        return CvType.depth(pixels.type()) == CvType.CV_16U;
    }

    /**
     * 8-bit BGR view of the pixels (computed once; the Mat belongs to this image). For 8-bit BGR input this is
     * the pixel Mat itself, so it sees the engine's in-place changes; otherwise a converted copy.
     */
    public synchronized Mat bgr8() {
        if (pixels.type() == CvType.CV_8UC3) return pixels;
        if (bgr8 == null) bgr8 = toBgr8(pixels);
        return bgr8;
    }

    /** Drops the cached 8-bit copy after the pixels changed. */
    synchronized void invalidateBgr8() {
        if (bgr8 != null) bgr8.release();
        bgr8 = null;
    }

    static Mat toBgr8(Mat src) {
        Mat eight = src;
        if (CvType.depth(src.type()) != CvType.CV_8U) {
            eight = new Mat();
            double scale = CvType.depth(src.type()) == CvType.CV_16U ? 1.0 / 257.0
                    : CvType.depth(src.type()) == CvType.CV_32F ? 255.0 : 1.0;
            src.convertTo(eight, CvType.CV_8U, scale);
        }
        if (eight.channels() == 3) return eight == src ? src.clone() : eight;
        Mat out = new Mat();
        Imgproc.cvtColor(eight, out, eight.channels() == 1 ? Imgproc.COLOR_GRAY2BGR : Imgproc.COLOR_BGRA2BGR);
        if (eight != src) eight.release();
        return out;
    }

    @Override
    public synchronized void close() {
        pixels.release();
        if (bgr8 != null) bgr8.release();
        bgr8 = null;
    }
}
