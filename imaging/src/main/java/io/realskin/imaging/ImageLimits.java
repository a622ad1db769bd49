package io.realskin.imaging;

/** Size limits checked from the header, before any pixel is decoded. */
public record ImageLimits(long maxPixels, long maxBytes) {
    /** 50 megapixels, 30 MiB. */
    public static final ImageLimits DEFAULT = new ImageLimits(50_000_000L, 30L * 1024 * 1024);

    /** @throws ImageRejectedException too_large when the bytes or the header's dimensions exceed the limits */
    public void check(long byteCount, ImageInfo info) {
        if (byteCount > maxBytes) {
            throw ImageRejectedException.tooLarge("image is " + byteCount + " bytes, the limit is " + maxBytes);
        }
        if (info != null && (long) info.width() * info.height() > maxPixels) {
            throw ImageRejectedException.tooLarge("image header says " + info.width() + "x" + info.height() + " = "
                    + ((long) info.width() * info.height()) + " pixels, the limit is " + maxPixels);
        }
    }
}
