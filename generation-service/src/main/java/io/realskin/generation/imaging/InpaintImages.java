package io.realskin.generation.imaging;

import io.realskin.imaging.ImageFormat;
import io.realskin.imaging.ImageInfo;
import io.realskin.imaging.ImageProbe;
import io.realskin.imaging.ImageRejectedException;
import java.util.List;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * The image and mask of a skin-inpaint job, decoded once: upright (the EXIF orientation applied, as the gateway's
 * sizes are), the image in its own depth and channels, the mask as 8-bit gray (white = rework, gray = partly). From
 * them come what each provider is sent and, later, the composite ({@link MaskCompositor}). Close it to free the pixels.
 */
public final class InpaintImages implements AutoCloseable {
    private final Mat image;
    private final Mat mask;
    private final byte[] providerImage;
    private final String providerContentType;
    private final double maskedFraction;

    private InpaintImages(Mat image, Mat mask, byte[] providerImage, String providerContentType, double maskedFraction) {
        this.image = image;
        this.mask = mask;
        this.providerImage = providerImage;
        this.providerContentType = providerContentType;
        this.maskedFraction = maskedFraction;
    }

    /**
     * @param imageBytes checked by {@link ImageChecks#header} already
     * @throws ImageRejectedException bad_image for an image or mask that does not decode, or sizes that differ
     */
    public static InpaintImages decode(byte[] imageBytes, byte[] maskBytes) {
        OpenCv.load();
        ImageInfo info = ImageProbe.probe(imageBytes);
        ImageProbe.checkBeforeDecode(imageBytes, info);
        // the mask passed the gateway's probe and limits at upload, but a PNG's image data is inflated only here
        ImageProbe.checkBeforeDecode(maskBytes, ImageProbe.probe(maskBytes));
        // IMREAD_COLOR applies a JPEG's EXIF orientation; IMREAD_UNCHANGED keeps 16-bit depth and alpha of the others
        Mat image = decode(imageBytes, info.format() == ImageFormat.JPEG ? Imgcodecs.IMREAD_COLOR : Imgcodecs.IMREAD_UNCHANGED, "image");
        int depth = CvType.depth(image.type());
        if (depth != CvType.CV_8U && depth != CvType.CV_16U) {
            image.release();
            throw ImageRejectedException.badImage("the image is " + CvType.typeToString(image.type()) + "; 8 or 16 bits per channel only");
        }
        Mat mask = decode(maskBytes, Imgcodecs.IMREAD_GRAYSCALE, "mask");
        if (mask.cols() != image.cols() || mask.rows() != image.rows()) {
            String message = "the mask is " + mask.cols() + "x" + mask.rows() + " but the image is " + image.cols() + "x" + image.rows();
            image.release();
            mask.release();
            throw ImageRejectedException.badImage(message);
        }
        double fraction = Core.mean(mask).val[0] / 255.0;
        boolean asIs = depth == CvType.CV_8U && image.channels() != 4 && (info.format() == ImageFormat.PNG
                || info.format() == ImageFormat.WEBP || (info.format() == ImageFormat.JPEG && info.orientation() <= 1));
        byte[] toSend = asIs ? imageBytes : png(eightBitColour(image));
        String contentType = asIs ? info.format().contentType() : ImageFormat.PNG.contentType();
        return new InpaintImages(image, mask, toSend, contentType, fraction);
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

    /** The image as a provider gets it: the upload itself when it is upright 8-bit JPEG, PNG or WebP, else PNG. */
    public byte[] providerImage() {
        return providerImage;
    }

    public String providerContentType() {
        return providerContentType;
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

    Mat mask() {
        return mask;
    }

    private Mat binary() {
        Mat binary = new Mat();
        Imgproc.threshold(mask, binary, 0, 255, Imgproc.THRESH_BINARY);
        return binary;
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
        MatOfByte out = new MatOfByte();
        MatOfInt params = new MatOfInt(Imgcodecs.IMWRITE_PNG_COMPRESSION, 3);
        try {
            if (!Imgcodecs.imencode(".png", pixels, out, params)) {
                throw new IllegalStateException("could not encode a PNG");
            }
            return out.toArray();
        } finally {
            out.release();
            params.release();
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

    @Override
    public void close() {
        image.release();
        mask.release();
    }
}
