package io.realskin.texture.jpeg;

/**
 * A JPEG the coefficient path cannot serve: a feature it does not read (arithmetic coding, 12-bit, lossless,
 * hierarchical, CMYK or RGB colour) or data it cannot parse. {@link #reason()} is a stable, short code; callers
 * fall back to decoding pixels and re-encoding.
 */
public final class JpegUnsupportedException extends RuntimeException {
    private final String reason;

    public JpegUnsupportedException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** {@code arithmetic}, {@code 12-bit}, {@code lossless}, {@code hierarchical}, {@code cmyk}, {@code rgb}, {@code sampling}, {@code malformed}. */
    public String reason() {
        return reason;
    }

    static JpegUnsupportedException malformed(String message) {
        return new JpegUnsupportedException("malformed", message);
    }
}
