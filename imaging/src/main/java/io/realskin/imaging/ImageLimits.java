package io.realskin.imaging;

/**
 * Size limits checked from the header, before any pixel is decoded: the bytes, the pixel count, and the decoded size
 * (pixels × channels × bytes per channel), whose budget is {@link #BUDGET_BYTES_PER_PIXEL} bytes per pixel of the
 * pixel limit. So a 16-bit or 4-channel image may have proportionally fewer pixels, and no upload ever decodes to
 * more than the 8-bit colour image at the pixel limit would.
 */
public record ImageLimits(long maxPixels, long maxBytes, long maxDecodedBytes) {
    /** An 8-bit BGR pixel: docs/operations.md sizes memory at 3 MB per megapixel. */
    public static final int BUDGET_BYTES_PER_PIXEL = 3;

    /** 50 megapixels, 30 MiB, decoded at most 150 MB. */
    public static final ImageLimits DEFAULT = new ImageLimits(50_000_000L, 30L * 1024 * 1024);

    public ImageLimits(long maxPixels, long maxBytes) {
        this(maxPixels, maxBytes, maxPixels * BUDGET_BYTES_PER_PIXEL);
    }

    /** @throws ImageRejectedException too_large when the bytes or the header's dimensions or depth exceed the limits */
    public void check(long byteCount, ImageInfo info) {
        if (byteCount > maxBytes) {
            throw ImageRejectedException.tooLarge("image is " + byteCount + " bytes, the limit is " + maxBytes);
        }
        if (info == null) {
            return;
        }
        if (info.pixels() > maxPixels) {
            throw ImageRejectedException.tooLarge("image header says " + info.width() + "x" + info.height() + " = "
                    + info.pixels() + " pixels, the limit is " + maxPixels);
        }
        if (info.decodedBytes() > maxDecodedBytes) {
            throw ImageRejectedException.tooLarge("image header says " + info.width() + "x" + info.height() + " with "
                    + info.channels() + " channels of " + 8 * info.bytesPerSample() + " bits, which decodes to "
                    + info.decodedBytes() / 1_000_000 + " MB; the limit is " + maxDecodedBytes / 1_000_000 + " MB ("
                    + BUDGET_BYTES_PER_PIXEL + " bytes per pixel of " + maxPixels / 1_000_000 + " megapixels)");
        }
    }

    /**
     * {@link #check} for the area a tiled image decodes: whole tiles of {@code tileWidth} x {@code tileLength}, the
     * parts past the image's right and bottom edges included (a TIFF decoder decodes each tile in full, into a buffer
     * of the tile's size). A 64x64 TIFF in one 16384x16384 tile, 65 KB deflated, held 890 MB in the JDK's TIFF reader.
     *
     * @throws ImageRejectedException too_large when the tiles' pixels or decoded size exceed the limits
     */
    public void checkTiles(ImageInfo info, long tileWidth, long tileLength) {
        long width = (info.width() + tileWidth - 1) / tileWidth * tileWidth;
        long height = (info.height() + tileLength - 1) / tileLength * tileLength;
        long pixels = width > maxPixels || height > maxPixels ? Long.MAX_VALUE : width * height;
        long decoded = pixels > maxPixels ? Long.MAX_VALUE : pixels * info.channels() * info.bytesPerSample();
        if (pixels > maxPixels || decoded > maxDecodedBytes) {
            throw ImageRejectedException.tooLarge("image header says " + info.width() + "x" + info.height() + " in tiles of "
                    + tileWidth + "x" + tileLength + ", which decode " + width + "x" + height + " pixels"
                    + (pixels > maxPixels ? "; the limit is " + maxPixels + " pixels"
                    : " with " + info.channels() + " channels of " + 8 * info.bytesPerSample() + " bits, "
                    + decoded / 1_000_000 + " MB; the limit is " + maxDecodedBytes / 1_000_000 + " MB"));
        }
    }
}
