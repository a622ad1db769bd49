package io.realskin.generation.imaging;

import io.realskin.imaging.ImageFormat;
import io.realskin.imaging.ImageInfo;
import io.realskin.imaging.PrivateMetadata;
import org.opencv.core.Mat;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * A tenant's image as it leaves for a provider (a reference; an inpaint's image): a JPEG, PNG or WebP without its
 * private metadata ({@link PrivateMetadata}: no GPS, camera, author, generator prompt or trailing video goes to a
 * third party), the pixels' coding copied byte for byte; a format the providers do not take (TIFF, BMP), and a PNG
 * turned by its {@code eXIf} orientation, as an 8-bit PNG of its upright pixels, which carries none.
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

    /** {@code bytes}, which {@link ImageChecks} read as {@code info}, made fit to leave. */
    public static OutgoingImage of(byte[] bytes, ImageInfo info) {
        if (!decodes(info)) {
            return new OutgoingImage(PrivateMetadata.strip(bytes, info), info.format().contentType());
        }
        Mat upright = InpaintImages.decode(bytes, info, Imgcodecs.IMREAD_COLOR, info.format() + " image");
        try {
            return new OutgoingImage(InpaintImages.png(upright), ImageFormat.PNG.contentType());
        } finally {
            upright.release();
        }
    }
}
