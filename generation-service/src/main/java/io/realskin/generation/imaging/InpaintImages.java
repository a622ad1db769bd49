package io.realskin.generation.imaging;

import io.realskin.imaging.ImageFormat;
import io.realskin.imaging.ImageInfo;
import io.realskin.imaging.opencv.MaskPaint;
import io.realskin.imaging.ImageProbe;
import io.realskin.imaging.ImageRejectedException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * The image and mask of a skin-inpaint job, decoded: upright (the EXIF orientation applied, as the gateway's sizes
 * are), the image in its own depth and channels, the mask as 8-bit gray (white = rework, gray = partly; a pixel's gray
 * times its alpha: {@link MaskPaint}). From them come
 * what each provider is sent ({@link InpaintInputs}) and, later, the composite ({@link MaskCompositor}). They hold up
 * to 150 MB of native pixels (image) and 50 MB (mask): decode them in a {@link DecodeSlots} slot and close them in the
 * same slot, never across a provider call. {@link #live()} counts the decoded images not yet freed.
 */
public final class InpaintImages implements AutoCloseable {
    /** Decoded image and mask Mats of this class not yet released, in this process. */
    private static final AtomicInteger LIVE = new AtomicInteger();

    private final Mat image;
    private final Mat mask;
    private final byte[] imageBytes;
    private final ImageInfo info;
    private final double maskedFraction;
    private boolean closed;

    private InpaintImages(Mat image, Mat mask, byte[] imageBytes, ImageInfo info, double maskedFraction) {
        this.image = image;
        this.mask = mask;
        this.imageBytes = imageBytes;
        this.info = info;
        this.maskedFraction = maskedFraction;
    }

    /**
     * @param imageBytes checked by {@link ImageChecks#header} already
     * @throws ImageRejectedException bad_image for an image or mask that does not decode, or sizes that differ; nothing
     *                                decoded is left unreleased then
     */
    public static InpaintImages decode(byte[] imageBytes, byte[] maskBytes) {
        OpenCv.load();
        ImageInfo info = ImageProbe.probe(imageBytes);
        ImageProbe.checkBeforeDecode(imageBytes, info);
        // the mask passed the gateway's probe and limits at upload, but a PNG's image data is inflated only here
        ImageInfo maskInfo = ImageProbe.probe(maskBytes);
        ImageProbe.checkBeforeDecode(maskBytes, maskInfo);
        // IMREAD_COLOR applies a JPEG's EXIF orientation; IMREAD_UNCHANGED keeps 16-bit depth and alpha of the others
        Mat image = held(decode(imageBytes, info, info.format() == ImageFormat.JPEG ? Imgcodecs.IMREAD_COLOR : Imgcodecs.IMREAD_UNCHANGED,
                "image"));
        Mat mask = null;
        try {
            int depth = CvType.depth(image.type());
            if (depth != CvType.CV_8U && depth != CvType.CV_16U) {
                throw ImageRejectedException.badImage("the image is " + CvType.typeToString(image.type())
                        + "; 8 or 16 bits per channel only");
            }
            // gray times alpha, as the texture engine reads a mask; a mask without alpha decoded straight to gray (50 MB at
            // 50 MP, where its colours and alpha at 16 bits would be 400 MB beside the image)
            boolean alpha = maskInfo.channels() == 2 || maskInfo.channels() == 4;
            Mat picture = decode(maskBytes, maskInfo, alpha ? Imgcodecs.IMREAD_UNCHANGED : Imgcodecs.IMREAD_GRAYSCALE, "mask");
            if (alpha) {
                try {
                    mask = held(MaskPaint.of(picture));
                } finally {
                    picture.release();
                }
            } else {
                mask = held(picture);
            }
            if (mask.cols() != image.cols() || mask.rows() != image.rows()) {
                throw ImageRejectedException.badImage("the mask is " + mask.cols() + "x" + mask.rows() + " but the image is "
                        + image.cols() + "x" + image.rows());
            }
            double fraction = Core.mean(mask).val[0] / 255.0;
            return new InpaintImages(image, mask, imageBytes, info, fraction);
        } catch (RuntimeException | Error e) {
            free(image);
            if (mask != null) {
                free(mask);
            }
            throw e;
        }
    }

    /** Decoded images and masks held now in this process, not yet closed (diagnostics and tests). */
    public static int live() {
        return LIVE.get();
    }

    private static Mat held(Mat decoded) {
        LIVE.incrementAndGet();
        return decoded;
    }

    private static void free(Mat decoded) {
        decoded.release();
        LIVE.decrementAndGet();
    }

    public int width() {
        return image.cols();
    }

    public int height() {
        return image.rows();
    }

    /** The share of the image the mask reworks, gray counted partly: 0..1. */
    public double maskedFraction() {
        return maskedFraction;
    }

    /**
     * The image as a provider gets it: the upload's own coding when it is upright (orientation 1) 8-bit JPEG, PNG or WebP (without its
     * private metadata: {@link OutgoingImage}), else PNG (encoded now). With {@code png} always a PNG: OpenAI's edits
     * take the image in its mask's format, and the mask is a PNG (OpenAiImages); an upright 8-bit PNG upload still goes
     * as uploaded.
     */
    public byte[] providerImage(boolean png) {
        if (asIs(png)) {
            return OutgoingImage.of(imageBytes, info).bytes();
        }
        Mat eight = eightBitColour(image);
        try {
            return png(eight);
        } finally {
            eight.release();
        }
    }

    /** The media type of {@link #providerImage(boolean)}. */
    public String providerContentType(boolean png) {
        return asIs(png) ? info.format().contentType() : ImageFormat.PNG.contentType();
    }

    private boolean asIs(boolean png) {
        return CvType.depth(image.type()) == CvType.CV_8U && image.channels() != 4 && info.orientation() <= 1
                && (info.format() == ImageFormat.PNG || !png && (info.format() == ImageFormat.WEBP || info.format() == ImageFormat.JPEG));
    }

    /** 8-bit gray PNG, white wherever the mask is not black (BFL fill: white = fill). */
    public byte[] maskWhiteIsEdit() {
        Mat binary = binary();
        try {
            return png(binary);
        } finally {
            binary.release();
        }
    }

    /** RGBA PNG, alpha 0 wherever the mask is not black (OpenAI edits: transparent = edit here). */
    public byte[] maskAlphaZeroIsEdit() {
        Mat binary = binary();
        Mat alpha = new Mat();
        Core.bitwise_not(binary, alpha);
        Mat black = Mat.zeros(mask.size(), CvType.CV_8UC1);
        Mat bgra = new Mat();
        Core.merge(List.of(black, black, black, alpha), bgra);
        try {
            return png(bgra);
        } finally {
            binary.release();
            alpha.release();
            black.release();
            bgra.release();
        }
    }

    Mat image() {
        return image;
    }

    /** The image as stored (the upload's bytes). */
    byte[] imageBytes() {
        return imageBytes;
    }

    Mat mask() {
        return mask;
    }

    private Mat binary() {
        Mat binary = new Mat();
        Imgproc.threshold(mask, binary, 0, 255, Imgproc.THRESH_BINARY);
        return binary;
    }

    /**
     * As {@link #decode(byte[], int, String)}, upright: the TIFFs OpenCV misreads (gray and alpha, whose alpha it
     * drops; an 8-bit tiled one with an orientation tag, whose tiles it mirrors) are decoded by the JDK's TIFF reader
     * ({@link JdkTiffs}); a PNG's {@code eXIf}
     * orientation is applied here whatever the flags ({@link Orientation}).
     */
    static Mat decode(byte[] bytes, ImageInfo info, int flags, String what) {
        Mat tiff;
        try {
            tiff = JdkTiffs.decodeUpright(bytes, info, flags);
        } catch (ImageRejectedException e) {
            throw ImageRejectedException.badImage("the " + what + " does not decode: " + e.getMessage());
        }
        if (tiff != null) {
            return tiff;
        }
        // a PNG's compressed text chunks are not the decoder's: libpng inflates each (up to 8 MB, a thousand of them)
        byte[] pixels = ImageProbe.decoderInput(bytes, info);
        if (!Orientation.turnedHere(info)) {
            return decode(pixels, flags, what);
        }
        // IMREAD_UNCHANGED (-1) ignores the orientation already; the other flags take IMREAD_IGNORE_ORIENTATION
        return Orientation.apply(decode(pixels, flags < 0 ? flags : flags | Imgcodecs.IMREAD_IGNORE_ORIENTATION, what),
                info.orientation());
    }

    static Mat decode(byte[] bytes, int flags, String what) {
        MatOfByte buffer = new MatOfByte(bytes);
        try {
            Mat decoded = Imgcodecs.imdecode(buffer, flags);
            if (decoded == null || decoded.empty()) {
                throw ImageRejectedException.badImage("the " + what + " does not decode");
            }
            return decoded;
        } finally {
            buffer.release();
        }
    }

    static byte[] png(Mat pixels) {
        return encoded(pixels, ".png", Imgcodecs.IMWRITE_PNG_COMPRESSION, 3);
    }

    /** The pixels encoded by OpenCV as {@code extension} says ({@code ".png"}, {@code ".jpg"}) with its parameters. */
    static byte[] encoded(Mat pixels, String extension, int... params) {
        MatOfByte out = new MatOfByte();
        MatOfInt options = new MatOfInt(params);
        try {
            if (!Imgcodecs.imencode(extension, pixels, out, options)) {
                throw new IllegalStateException("could not encode " + extension);
            }
            return out.toArray();
        } finally {
            out.release();
            options.release();
        }
    }

    /** 8-bit BGR (or gray) without alpha: what every provider reads. */
    private static Mat eightBitColour(Mat image) {
        Mat eight = new Mat();
        if (CvType.depth(image.type()) == CvType.CV_16U) {
            image.convertTo(eight, CvType.CV_8U, 1.0 / 257.0);
        } else {
            image.copyTo(eight);
        }
        if (eight.channels() == 4) {
            Mat bgr = new Mat();
            Imgproc.cvtColor(eight, bgr, Imgproc.COLOR_BGRA2BGR);
            eight.release();
            return bgr;
        }
        return eight;
    }

    /** Frees the pixels; again is a no-op. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            free(image);
            free(mask);
        }
    }
}
