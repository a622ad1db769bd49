package io.realskin.imaging;

/**
 * The input cannot be processed: not an image we read ({@link #BAD_IMAGE}) or over the size limits
 * ({@link #TOO_LARGE}). The code is stable: the CLI maps it to exit 2, the service to a FAILED event.
 */
public final class ImageRejectedException extends RuntimeException {
    public static final String BAD_IMAGE = "bad_image";
    public static final String TOO_LARGE = "too_large";

    private final String code;

    public ImageRejectedException(String code, String message) {
        super(message);
        this.code = code;
    }

    public static ImageRejectedException badImage(String message) {
        return new ImageRejectedException(BAD_IMAGE, message);
    }

    public static ImageRejectedException tooLarge(String message) {
        return new ImageRejectedException(TOO_LARGE, message);
    }

    public String code() {
        return code;
    }
}
