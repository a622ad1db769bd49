package io.realskin.texture.engine;

import io.realskin.imaging.opencv.JdkTiffPixels;
import io.realskin.imaging.IccProfile;
import io.realskin.imaging.ImageProbe;
import io.realskin.imaging.ImageInfo;
import io.realskin.imaging.ImageFormat;
import io.realskin.imaging.ImageRejectedException;
import io.realskin.imaging.ImageLimits;
import io.realskin.imaging.opencv.ExifOrientation;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * Decodes what imgcodecs reads (JPEG, PNG, WebP, TIFF, BMP), after checking the header against the limits (bytes,
 * pixels, and the decoded size, so a 16-bit or alpha image is budgeted by what it decodes to): nothing over the limits
 * reaches the decoder, and no image whose data is cut short (a JPEG's too, when an EOI marker closes it) reaches it. Applies the EXIF orientation; keeps depth, channels and alpha (a TIFF's of gray
 * and alpha too: {@link #uprightPixels}).
 */
final class SafeImageDecoder {
    private final ImageLimits limits;

    public SafeImageDecoder(ImageLimits limits) {
        this.limits = limits;
        OpenCvLoader.load();
    }

    /**
     * What every whole decode of the engine checks first (this class's and {@link UserMask}'s): the byte limit, the
     * header against the limits (before a JPEG's scans are walked: {@link ImageProbe#probe(byte[], ImageLimits)}), data
     * not cut short, then a PNG's image data ({@link ImageProbe#checkBeforeDecode}).
     *
     * @param what how every refusal names the image: "" or "mask "
     */
    static ImageInfo admit(byte[] bytes, ImageLimits limits, String what) {
        try {
            ImageInfo info = ImageProbe.probe(bytes, limits);
            if (!info.complete()) throw ImageRejectedException.badImage(info.format() + " data is truncated");
            ImageProbe.checkBeforeDecode(bytes, info);
            return info;
        } catch (ImageRejectedException e) {
            throw named(what, e);
        }
    }

    /** The refusal with its message naming the image ("mask ", "reference "), so a user knows which file it was. */
    static ImageRejectedException named(String what, ImageRejectedException e) {
        return what.isEmpty() ? e : new ImageRejectedException(e.code(), what + e.getMessage());
    }

    public DecodedImage decode(byte[] bytes) {
        if (bytes == null) throw ImageRejectedException.badImage("no image bytes");
        return decodeAdmitted(bytes, admit(bytes, limits, ""));
    }

    /**
     * Decodes bytes that {@link #admit} has passed as {@code info}: for a caller that admitted these very bytes
     * already (the JPEG coefficient path, whose receipt decodes its input whole), so their scans are not walked twice.
     */
    DecodedImage decodeAdmitted(byte[] bytes, ImageInfo info) {
        Mat upright = uprightPixels(bytes, info);
        ImageInfo uprightInfo = new ImageInfo(info.format(), upright.cols(), upright.rows(), 1, true);
        int quality = info.format() == ImageFormat.JPEG ? JpegQualityEstimator.estimate(bytes) : JpegQualityEstimator.DEFAULT_QUALITY;
        return new DecodedImage(uprightInfo, upright, quality, IccProfile.of(bytes));
    }

    /**
     * The admitted image's pixels upright, as every whole decode of the engine reads them (its images' and masks'): the
     * TIFFs OpenCV 4.9 misreads (gray and alpha; 8-bit tiles with an orientation tag) by the JDK's TIFF reader
     * ({@link JdkTiffPixels}), anything else by OpenCV.
     */
    static Mat uprightPixels(byte[] bytes, ImageInfo info) {
        Mat tiff = JdkTiffPixels.decode(bytes, info);
        return tiff != null ? tiff : upright(openCvDecode(bytes, info), info);
    }

    /** OpenCV's decode, as stored but for a TIFF (see {@link #upright}); 8 or 16 bits. */
    static Mat openCvDecode(byte[] bytes, ImageInfo info) {
        Mat decoded;
        MatOfByte buf = new MatOfByte(ImageProbe.decoderInput(bytes, info));
        try {
            decoded = Imgcodecs.imdecode(buf, Imgcodecs.IMREAD_UNCHANGED | Imgcodecs.IMREAD_ANYDEPTH);
        } catch (RuntimeException e) {
            throw ImageRejectedException.badImage("could not decode " + info.format() + ": " + e.getMessage());
        } finally {
            buf.release();
        }
        if (decoded == null || decoded.empty()) {
            throw ImageRejectedException.badImage("could not decode the " + info.format() + " image data");
        }
        int depth = CvType.depth(decoded.type());
        if (depth == CvType.CV_8S || depth == CvType.CV_16S || depth == CvType.CV_32S) {
            decoded.release(); // the probe refuses a TIFF's signed samples by its header: this is for any it missed
            throw ImageRejectedException.badImage(info.format() + " of signed or 32-bit integer samples is not read: save it with 8 or 16-bit unsigned samples");
        }
        if (depth != CvType.CV_8U && depth != CvType.CV_16U) {
            Mat eight = new Mat();
            decoded.convertTo(eight, CvType.CV_8U, depth == CvType.CV_32F || depth == CvType.CV_64F ? 255.0 : 1.0);
            decoded.release();
            decoded = eight;
        }
        return decoded;
    }

    /**
     * What OpenCV decoded from the image {@code info} describes, upright: turned by the header's orientation, but not a
     * TIFF, whose orientation tag (274) OpenCV's TIFF decoder applies itself, whatever the flags
     * ({@code IMREAD_IGNORE_ORIENTATION} and {@code IMREAD_UNCHANGED} included); JPEG, PNG and WebP come out as stored
     * under the flags the engine decodes with (the TIFFs that OpenCV misreads go to {@link JdkTiffPixels}
     * instead). Returns the input when nothing is to be done, else the turned copy, the input released.
     */
    static Mat upright(Mat decoded, ImageInfo info) {
        Mat upright = ExifOrientation.upright(decoded, info.format() == ImageFormat.TIFF ? 1 : info.orientation());
        if (upright != decoded) decoded.release();
        return upright;
    }
}
