package io.realskin.texture.engine;

import io.realskin.imaging.opencv.UprightTiffTiles;
import io.realskin.imaging.CarriedMetadata;
import io.realskin.imaging.IccProfile;
import io.realskin.imaging.ImageFormat;
import io.realskin.imaging.ImageInfo;
import io.realskin.imaging.ImageLimits;
import io.realskin.imaging.ImageProbe;
import io.realskin.imaging.ImageRejectedException;
import io.realskin.imaging.ResultFiles;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * A small copy of a stored image for a list: upright (EXIF orientation applied), at most {@code maxWidth} wide and
 * {@link #TALL} times that high, aspect ratio kept, never larger than the image. Untrusted bytes are admitted as every
 * decode of the engine admits them ({@link SafeImageDecoder#admit}: bytes, header, pixel and decoded-size limits, data
 * not cut short) before any pixel is decoded. A JPEG is decoded at 1/2, 1/4 or 1/8 of its size when that still covers
 * the thumbnail (libjpeg's IMREAD_REDUCED_*: a 12 MP portrait to a 320 px card decodes 1/8 of its pixels).
 * <p>
 * Output: JPEG at quality {@link #JPEG_QUALITY}, or PNG when the image has alpha that is not fully opaque (a cut-out
 * keeps its transparency), with the image's ICC profile when it has one of at most {@link #MAX_PROFILE_BYTES} (the
 * values of an Adobe RGB or Display P3 photo mean other colours than sRGB's; a browser shows them right only with it).
 * Thread-safe.
 */
public final class Thumbnailer {
    /** At 85 a 320 px portrait is ~20-40 KB and shows no blocking on a card; 90+ doubles the bytes for no visible gain. */
    public static final int JPEG_QUALITY = 85;
    /** A thumbnail is at most this many times as high as its width bound (a 640 x 50 000 strip would be 32 MP). */
    public static final int TALL = 4;
    /**
     * The largest profile a thumbnail carries: one JPEG APP2 segment. Camera and editor profiles (sRGB, Adobe RGB,
     * Display P3) are 0.5-4 KB; a device-link or print profile of megabytes would outweigh the thumbnail many times.
     */
    static final int MAX_PROFILE_BYTES = 65_000;

    private final ImageLimits limits;

    public Thumbnailer(ImageLimits limits) {
        this.limits = limits;
        OpenCvLoader.load();
    }

    /** The encoded thumbnail, its media type and its size. */
    public record Thumbnail(byte[] bytes, String contentType, int width, int height) {
    }

    /**
     * @throws ImageRejectedException bad_image for bytes that are not an image the engine reads, too_large over the
     *                                limits
     */
    public Thumbnail render(byte[] bytes, int maxWidth) {
        if (bytes == null || bytes.length == 0) throw ImageRejectedException.badImage("no image bytes");
        if (maxWidth < 1) throw new IllegalArgumentException("maxWidth must be positive");
        ImageInfo info = SafeImageDecoder.admit(bytes, limits, "");
        int uprightWidth = info.transposed() ? info.height() : info.width();
        int uprightHeight = info.transposed() ? info.width() : info.height();
        double scale = Math.min(1.0, Math.min((double) maxWidth / uprightWidth, (double) maxWidth * TALL / uprightHeight));
        int width = Math.max(1, (int) Math.round(uprightWidth * scale));
        int height = Math.max(1, (int) Math.round(uprightHeight * scale));
        Mat decoded = UprightTiffTiles.decode(bytes, info);
        if (decoded == null) decoded = SafeImageDecoder.upright(decode(bytes, info, reduction(info, uprightWidth, width)), info);
        Mat small = null;
        try {
            small = new Mat();
            if (decoded.cols() == width && decoded.rows() == height) {
                decoded.copyTo(small);
            } else {
                Imgproc.resize(decoded, small, new Size(width, height), 0, 0, Imgproc.INTER_AREA);
            }
            Thumbnail encoded = encode(small);
            byte[] profile = IccProfile.of(bytes);
            if (profile == null || profile.length > MAX_PROFILE_BYTES) return encoded;
            ImageFormat format = encoded.contentType().equals("image/png") ? ImageFormat.PNG : ImageFormat.JPEG;
            return new Thumbnail(ResultFiles.embed(encoded.bytes(), format, CarriedMetadata.iccOnly(profile), small.channels()),
                    encoded.contentType(), encoded.width(), encoded.height());
        } finally {
            decoded.release();
            if (small != null) small.release();
        }
    }

    /** 1, 2, 4 or 8: the largest JPEG reduction whose decode is still at least the thumbnail's width. */
    static int reduction(ImageInfo info, int uprightWidth, int width) {
        if (info.format() != ImageFormat.JPEG) return 1;
        int factor = 8;
        while (factor > 1 && uprightWidth / factor < width) factor /= 2;
        return factor;
    }

    private static Mat decode(byte[] bytes, ImageInfo info, int reduction) {
        int flags = switch (reduction) {
            case 8 -> Imgcodecs.IMREAD_REDUCED_COLOR_8;
            case 4 -> Imgcodecs.IMREAD_REDUCED_COLOR_4;
            case 2 -> Imgcodecs.IMREAD_REDUCED_COLOR_2;
            default -> info.format() == ImageFormat.JPEG ? Imgcodecs.IMREAD_COLOR : Imgcodecs.IMREAD_UNCHANGED | Imgcodecs.IMREAD_ANYDEPTH;
        } | Imgcodecs.IMREAD_IGNORE_ORIENTATION; // applied once, by SafeImageDecoder.upright, as for every other decode
        MatOfByte buffer = new MatOfByte(ImageProbe.decoderInput(bytes, info));
        Mat decoded;
        try {
            decoded = Imgcodecs.imdecode(buffer, flags);
        } catch (RuntimeException e) {
            throw ImageRejectedException.badImage("could not decode " + info.format() + ": " + e.getMessage());
        } finally {
            buffer.release();
        }
        if (decoded == null || decoded.empty()) {
            throw ImageRejectedException.badImage("could not decode the " + info.format() + " image data");
        }
        int depth = CvType.depth(decoded.type());
        if (depth != CvType.CV_8U) {
            Mat eight = new Mat();
            decoded.convertTo(eight, CvType.CV_8U, depth == CvType.CV_16U ? 1.0 / 257.0
                    : depth == CvType.CV_32F || depth == CvType.CV_64F ? 255.0 : 1.0);
            decoded.release();
            decoded = eight;
        }
        return decoded;
    }

    private static Thumbnail encode(Mat small) {
        boolean png = small.channels() == 4 && !opaque(small);
        Mat toWrite = small;
        if (!png && small.channels() == 4) {
            toWrite = new Mat();
            Imgproc.cvtColor(small, toWrite, Imgproc.COLOR_BGRA2BGR);
        }
        MatOfByte out = new MatOfByte();
        MatOfInt params = png ? new MatOfInt(Imgcodecs.IMWRITE_PNG_COMPRESSION, 6)
                : new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, JPEG_QUALITY);
        try {
            if (!Imgcodecs.imencode(png ? ".png" : ".jpg", toWrite, out, params)) {
                throw new IllegalStateException("the thumbnail could not be encoded");
            }
            return new Thumbnail(out.toArray(), png ? "image/png" : "image/jpeg", small.cols(), small.rows());
        } finally {
            out.release();
            params.release();
            if (toWrite != small) toWrite.release();
        }
    }

    private static boolean opaque(Mat bgra) {
        Mat alpha = new Mat();
        try {
            Core.extractChannel(bgra, alpha, 3);
            return Core.minMaxLoc(alpha).minVal >= 255;
        } finally {
            alpha.release();
        }
    }
}
