package io.realskin.imaging;

import java.nio.charset.StandardCharsets;

/**
 * Reads format, dimensions and EXIF orientation from the header bytes of a JPEG, PNG, WebP, TIFF or BMP,
 * without decoding pixels. Pure Java (no OpenCV), so upload validation elsewhere can reuse it.
 */
public final class ImageProbe {
    private ImageProbe() {
    }

    /**
     * @throws ImageRejectedException bad_image when the bytes are no image we know or the header is cut short
     */
    public static ImageInfo probe(byte[] b) {
        if (b == null || b.length < 12) {
            throw ImageRejectedException.badImage("not an image: " + (b == null ? 0 : b.length) + " bytes");
        }
        try {
            if (u8(b, 0) == 0xFF && u8(b, 1) == 0xD8 && u8(b, 2) == 0xFF) return jpeg(b);
            if (u8(b, 0) == 0x89 && ascii(b, 1, 3).equals("PNG")) return png(b);
            if (ascii(b, 0, 4).equals("RIFF") && ascii(b, 8, 4).equals("WEBP")) return webp(b);
            if ((ascii(b, 0, 2).equals("II") && u8(b, 2) == 42 && u8(b, 3) == 0)
                    || (ascii(b, 0, 2).equals("MM") && u8(b, 2) == 0 && u8(b, 3) == 42)) return tiff(b, 0, b.length, true);
            if (ascii(b, 0, 2).equals("BM") && b.length >= 26) {
                return checked(new ImageInfo(ImageFormat.BMP, le32(b, 18), Math.abs(le32(b, 22)), 1, true));
            }
        } catch (ArrayIndexOutOfBoundsException e) {
            throw ImageRejectedException.badImage("image header is truncated");
        }
        throw ImageRejectedException.badImage("not a JPEG, PNG, WebP, TIFF or BMP image");
    }

    private static ImageInfo checked(ImageInfo info) {
        if (info.width() <= 0 || info.height() <= 0) {
            throw ImageRejectedException.badImage("image header gives no size (" + info.width() + "x" + info.height() + ")");
        }
        return info;
    }

    private static ImageInfo png(byte[] b) {
        if (!ascii(b, 12, 4).equals("IHDR")) throw ImageRejectedException.badImage("PNG without IHDR");
        int w = be32(b, 16);
        int h = be32(b, 20);
        // a complete PNG ends with the IEND chunk (12 bytes: length 0, "IEND", CRC)
        boolean complete = b.length >= 12 && ascii(b, b.length - 8, 4).equals("IEND");
        return checked(new ImageInfo(ImageFormat.PNG, w, h, 1, complete));
    }

    private static ImageInfo jpeg(byte[] b) {
        int pos = 2;
        int width = -1;
        int height = -1;
        int orientation = 1;
        int scanStart = -1;
        while (pos + 4 <= b.length) {
            if (u8(b, pos) != 0xFF) throw ImageRejectedException.badImage("corrupt JPEG marker at byte " + pos);
            int marker = u8(b, pos + 1);
            if (marker == 0xFF) { // fill byte
                pos++;
                continue;
            }
            if (marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7) || marker == 0x01) {
                pos += 2;
                continue;
            }
            int len = be16(b, pos + 2);
            if (len < 2) throw ImageRejectedException.badImage("corrupt JPEG segment length");
            boolean sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (sof) {
                height = be16(b, pos + 5);
                width = be16(b, pos + 7);
            } else if (marker == 0xE1 && ascii(b, pos + 4, 4).equals("Exif")) {
                int tiffStart = pos + 10;
                try {
                    orientation = tiff(b, tiffStart, Math.min(b.length, pos + 2 + len), false).orientation();
                } catch (RuntimeException ignored) {
                    orientation = 1; // a broken EXIF block does not make the image unreadable
                }
            } else if (marker == 0xDA) {
                scanStart = pos + 2 + len;
                break;
            } else if (marker == 0xD9) {
                break;
            }
            pos += 2 + len;
        }
        if (width < 0) throw ImageRejectedException.badImage("JPEG without a frame header (truncated?)");
        boolean complete = false;
        if (scanStart > 0) {
            // entropy-coded data stuffs 0xFF as FF00, so FF D9 after the first scan is the end-of-image marker
            for (int i = b.length - 2; i >= scanStart; i--) {
                if (u8(b, i) == 0xFF && u8(b, i + 1) == 0xD9) {
                    complete = true;
                    break;
                }
            }
        }
        return checked(new ImageInfo(ImageFormat.JPEG, width, height, orientation, complete));
    }

    private static ImageInfo webp(byte[] b) {
        String chunk = ascii(b, 12, 4);
        int w;
        int h;
        switch (chunk) {
            case "VP8 " -> {
                w = le16(b, 26) & 0x3FFF;
                h = le16(b, 28) & 0x3FFF;
            }
            case "VP8L" -> {
                int bits = le32(b, 21);
                w = (bits & 0x3FFF) + 1;
                h = ((bits >>> 14) & 0x3FFF) + 1;
            }
            case "VP8X" -> {
                w = (u8(b, 24) | u8(b, 25) << 8 | u8(b, 26) << 16) + 1;
                h = (u8(b, 27) | u8(b, 28) << 8 | u8(b, 29) << 16) + 1;
            }
            default -> throw ImageRejectedException.badImage("unknown WebP chunk " + chunk);
        }
        boolean complete = le32(b, 4) + 8L <= b.length;
        return checked(new ImageInfo(ImageFormat.WEBP, w, h, 1, complete));
    }

    /** Reads IFD0 of a TIFF structure starting at {@code base}: width, height, orientation. */
    private static ImageInfo tiff(byte[] b, int base, int end, boolean requireSize) {
        boolean le = u8(b, base) == 'I';
        int ifd = base + (int) (le ? le32(b, base + 4) : be32(b, base + 4)) ;
        int count = le ? le16(b, ifd) : be16(b, ifd);
        int w = -1;
        int h = -1;
        int orientation = 1;
        for (int i = 0; i < count; i++) {
            int e = ifd + 2 + 12 * i;
            if (e + 12 > end) break;
            int tag = le ? le16(b, e) : be16(b, e);
            int type = le ? le16(b, e + 2) : be16(b, e + 2);
            int value = type == 3 ? (le ? le16(b, e + 8) : be16(b, e + 8)) : (le ? le32(b, e + 8) : be32(b, e + 8));
            if (tag == 256) w = value;
            else if (tag == 257) h = value;
            else if (tag == 274) orientation = value >= 1 && value <= 8 ? value : 1;
        }
        if (!requireSize) return new ImageInfo(ImageFormat.TIFF, Math.max(w, 1), Math.max(h, 1), orientation, true);
        return checked(new ImageInfo(ImageFormat.TIFF, w, h, orientation, true));
    }

    private static int u8(byte[] b, int i) {
        return b[i] & 0xFF;
    }

    private static int be16(byte[] b, int i) {
        return u8(b, i) << 8 | u8(b, i + 1);
    }

    private static int le16(byte[] b, int i) {
        return u8(b, i) | u8(b, i + 1) << 8;
    }

    private static int be32(byte[] b, int i) {
        return u8(b, i) << 24 | u8(b, i + 1) << 16 | u8(b, i + 2) << 8 | u8(b, i + 3);
    }

    private static int le32(byte[] b, int i) {
        return u8(b, i) | u8(b, i + 1) << 8 | u8(b, i + 2) << 16 | u8(b, i + 3) << 24;
    }

    private static String ascii(byte[] b, int off, int len) {
        if (off < 0 || off + len > b.length) return "";
        return new String(b, off, len, StandardCharsets.ISO_8859_1);
    }
}
