package io.realskin.imaging;

/**
 * What an image's header says, read without decoding pixels.
 *
 * @param orientation EXIF orientation 1..8 (1 = as stored)
 * @param complete false when the container is visibly cut short (JPEG without EOI after the scan, PNG without IEND)
 */
public record ImageInfo(ImageFormat format, int width, int height, int orientation, boolean complete) {
    public long pixels() {
        return (long) width * height;
    }

    /** True when the EXIF orientation swaps width and height (orientations 5..8). */
    public boolean transposed() {
        return orientation >= 5 && orientation <= 8;
    }
}
