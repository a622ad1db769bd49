package io.realskin.gateway.images;

import io.realskin.gateway.problems.Problems;
import io.realskin.imaging.ImageFormat;
import io.realskin.imaging.ImageInfo;
import io.realskin.imaging.ImageLimits;
import io.realskin.imaging.ImageProbe;
import io.realskin.imaging.ImageRejectedException;
import io.realskin.imaging.OtherFormats;
import java.util.EnumSet;
import java.util.Set;

/**
 * The checks every image from outside passes before anything decodes it: size, format, pixel count, decoded size and
 * the presence of the image data, read from the header bytes ({@link ImageProbe}, {@link ImageLimits}). Only the
 * documented formats are taken (docs/api.md: JPEG, PNG, WebP, TIFF); any other is refused naming them, and naming
 * what was sent when it is one people send (BMP, GIF, AVIF, HEIC, JPEG XL, JPEG 2000: {@link OtherFormats}).
 */
public final class ImageChecks {
    private static final Set<ImageFormat> ACCEPTED = EnumSet.of(ImageFormat.JPEG, ImageFormat.PNG, ImageFormat.WEBP, ImageFormat.TIFF);

    /**
     * @param limitsText the limits in words, appended to a too-large problem's detail
     * @return the header's facts; a problem (400, 413, 415) when the image is refused
     */
    public static ImageInfo check(byte[] bytes, ImageLimits limits, String limitsText) {
        if (bytes == null || bytes.length == 0) {
            throw Problems.invalid("the body is empty: send the image bytes (image/*)");
        }
        ImageInfo info;
        try {
            limits.check(bytes.length, null);
            ImageFormat format = ImageProbe.format(bytes);
            if (format == null || !ACCEPTED.contains(format)) {
                String other = format != null ? format.name() : OtherFormats.name(bytes);
                throw Problems.unsupportedImage((other == null ? "not an image format we know" : other + " is not accepted")
                        + ": send a JPEG, PNG, WebP or TIFF image");
            }
            info = ImageProbe.probe(bytes, limits); // the limits before a JPEG's scans are walked
        } catch (ImageRejectedException e) {
            throw ImageRejectedException.TOO_LARGE.equals(e.code())
                    ? Problems.imageTooLarge(e.getMessage() + " (limits: " + limitsText + ")")
                    : Problems.unsupportedImage(e.getMessage());
        }
        if (!info.complete()) {
            throw Problems.unsupportedImage("the " + info.format() + " data is truncated");
        }
        return info;
    }

    private ImageChecks() {
    }
}
