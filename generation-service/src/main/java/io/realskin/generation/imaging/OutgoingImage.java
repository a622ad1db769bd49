package io.realskin.generation.imaging;

import io.realskin.imaging.ImageFormat;
import io.realskin.imaging.ImageInfo;
import io.realskin.imaging.PrivateMetadata;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * A tenant's image as it leaves for a provider (a reference; an inpaint's image): a JPEG, PNG or WebP without its
 * private metadata ({@link PrivateMetadata}: no GPS, camera, author, generator prompt or trailing video goes to a
 * third party), the pixels' coding copied byte for byte; a format the providers do not take (TIFF, BMP), and a PNG
 * turned by its {@code eXIf} orientation, as an 8-bit PNG of its upright pixels, which carries none, or as a JPEG
 * ({@link #encoded}) when that PNG would be larger than the stored file.
 */
public record OutgoingImage(byte[] bytes, String contentType) {

    /**
     * Whether {@link #of} decodes (do it in a decode slot), rather than copying segments: a format the providers do not
     * take, and a PNG with an {@code eXIf} orientation, which the stripped copy would lose (the provider would see it
     * as stored, sideways), so it goes as the PNG of its upright pixels.
     */
    public static boolean decodes(ImageInfo info) {
        return info.format() != ImageFormat.JPEG && info.format() != ImageFormat.PNG && info.format() != ImageFormat.WEBP
                || Orientation.turnedHere(info);
    }

    /** Whether {@link #of(byte[], ImageInfo, long)} decodes (do it in a decode slot): as {@link #decodes(ImageInfo)}, or over {@code maxPixels}. */
    public static boolean decodes(ImageInfo info, long maxPixels) {
        return decodes(info) || info.pixels() > maxPixels;
    }

    /**
     * As {@link #of(byte[], ImageInfo)}, at most {@code maxPixels}: a larger image goes resized (area average, aspect
     * kept, upright) as a JPEG at {@value #JPEG_QUALITY} when it was a JPEG, else as an 8-bit PNG; neither carries
     * metadata.
     */
    public static OutgoingImage of(byte[] bytes, ImageInfo info, long maxPixels) {
        if (info.pixels() <= maxPixels) {
            return of(bytes, info);
        }
        Mat upright = InpaintImages.decode(bytes, info, Imgcodecs.IMREAD_COLOR, info.format() + " image");
        Mat smaller = new Mat();
        try {
            double scale = Math.sqrt((double) maxPixels / ((long) upright.cols() * upright.rows()));
            Imgproc.resize(upright, smaller, new Size(Math.max(1, Math.floor(upright.cols() * scale)),
                    Math.max(1, Math.floor(upright.rows() * scale))), 0, 0, Imgproc.INTER_AREA);
            return info.format() == ImageFormat.JPEG ? new OutgoingImage(jpeg(smaller), ImageFormat.JPEG.contentType())
                    : new OutgoingImage(InpaintImages.png(smaller), ImageFormat.PNG.contentType());
        } finally {
            upright.release();
            smaller.release();
        }
    }

    /** The quality of a resized JPEG reference: pores and fine lines, what a texture reference is for, survive it. */
    static final int JPEG_QUALITY = 95;

    private static byte[] jpeg(Mat pixels) {
        return InpaintImages.encoded(pixels, ".jpg", Imgcodecs.IMWRITE_JPEG_QUALITY, JPEG_QUALITY);
    }

    /** {@code bytes}, which {@link ImageChecks} read as {@code info}, made fit to leave. */
    public static OutgoingImage of(byte[] bytes, ImageInfo info) {
        if (!decodes(info)) {
            return new OutgoingImage(PrivateMetadata.strip(bytes, info), info.format().contentType());
        }
        Mat upright = InpaintImages.decode(bytes, info, Imgcodecs.IMREAD_COLOR, info.format() + " image");
        try {
            return encoded(upright, info.format(), bytes.length);
        } finally {
            upright.release();
        }
    }

    /**
     * The PNG of the pixels (decoded without alpha), or a JPEG at {@value #JPEG_QUALITY} when that PNG is larger than the
     * stored file of a TIFF or BMP: the file was coded lossy (a JPEG-compressed TIFF: 2.9 MB of a 17.9 MP photo is a
     * 17.3 MB PNG), and its PNG would only carry the same picture in more bytes towards the providers' request limits.
     * A PNG (turned by its orientation) stays a PNG: lossless in, lossless out.
     */
    private static OutgoingImage encoded(Mat pixels, ImageFormat stored, long storedBytes) {
        byte[] png = InpaintImages.png(pixels);
        if (stored == ImageFormat.PNG || png.length <= storedBytes) {
            return new OutgoingImage(png, ImageFormat.PNG.contentType());
        }
        return new OutgoingImage(jpeg(pixels), ImageFormat.JPEG.contentType());
    }
}
