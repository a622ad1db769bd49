package io.realskin.imaging;

/**
 * What an image's header says, read without decoding pixels.
 *
 * @param orientation    EXIF orientation 1..8 (1 = as stored)
 * @param complete       false when the data is cut short (a JPEG without EOI after the scans or whose scans code
 *                       fewer MCUs or coefficients than its frame needs, a PNG without IEND, TIFF strips or BMP
 *                       pixels past the end of the data)
 * @param channels       channels the decoder will produce (1 gray, 3 colour, 4 with alpha), an upper bound
 * @param bytesPerSample bytes per channel once decoded (1 for 8-bit, 2 for 16-bit, 4 for 32-bit float)
 * @param verified       true when the probe itself read all of the coded data and left a decoder nothing to refuse:
 *                       a JPEG whose structure libjpeg accepts ({@link LibjpegRules}) and whose scans were walked to
 *                       their end, every code in its tables; false where only the container was checked (PNG's
 *                       deflate, WebP, TIFF, BMP, progressive or other JPEGs): decode to know
 */
public record ImageInfo(ImageFormat format, int width, int height, int orientation, boolean complete, int channels,
                        int bytesPerSample, boolean verified) {
    public ImageInfo(ImageFormat format, int width, int height, int orientation, boolean complete, int channels,
                     int bytesPerSample) {
        this(format, width, height, orientation, complete, channels, bytesPerSample, false);
    }

    /** An 8-bit, 3-channel image (what the engine encodes, and what {@link ImageLimits}' budget is counted in). */
    public ImageInfo(ImageFormat format, int width, int height, int orientation, boolean complete) {
        this(format, width, height, orientation, complete, 3, 1);
    }

    public long pixels() {
        return (long) width * height;
    }

    /** The size of the decoded pixels: what the decoder allocates before anything else happens. */
    public long decodedBytes() {
        return pixels() * channels * bytesPerSample;
    }

    /** True when the EXIF orientation swaps width and height (orientations 5..8). */
    public boolean transposed() {
        return orientation >= 5 && orientation <= 8;
    }
}
