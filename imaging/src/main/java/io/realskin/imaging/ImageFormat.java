package io.realskin.imaging;

import java.util.Locale;

/** Image container formats the engine reads and writes. */
public enum ImageFormat {
    JPEG("image/jpeg", ".jpg"),
    PNG("image/png", ".png"),
    WEBP("image/webp", ".webp"),
    TIFF("image/tiff", ".tif"),
    BMP("image/bmp", ".bmp");

    private final String contentType;
    private final String extension;

    ImageFormat(String contentType, String extension) {
        this.contentType = contentType;
        this.extension = extension;
    }

    public String contentType() {
        return contentType;
    }

    /** Extension with the dot, as OpenCV's imencode wants it. */
    public String extension() {
        return extension;
    }

    /** Format for a file name's extension, or null when the name says nothing we know. */
    public static ImageFormat fromFileName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".jpg") || n.endsWith(".jpeg")) return JPEG;
        if (n.endsWith(".png")) return PNG;
        if (n.endsWith(".webp")) return WEBP;
        if (n.endsWith(".tif") || n.endsWith(".tiff")) return TIFF;
        if (n.endsWith(".bmp")) return BMP;
        return null;
    }
}
