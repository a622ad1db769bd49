package io.realskin.generation.imaging;

import io.realskin.imaging.ImageFormat;

/** An image that passed {@link ImageChecks}: its format and upright size. */
public record CheckedImage(ImageFormat format, int width, int height) {
    public String contentType() {
        return format.contentType();
    }

    public double megapixels() {
        return (double) width * height / 1e6;
    }
}
