package io.realskin.imaging;

import io.realskin.imaging.jpeg.JpegSegments;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Set;

import static io.realskin.imaging.Bytes.ascii;

/**
 * An image's bytes without what says where, when, by whom or with what it was made: EXIF (GPS, camera serials,
 * the embedded thumbnail), XMP, IPTC, comments, C2PA manifests, PNG text chunks (a generator's prompt and workflow),
 * and whatever follows the image (a phone's second image or motion-photo video). The pixels' coding is copied byte
 * for byte, with what decodes them right: a JPEG's JFIF and Adobe segments, its ICC profile and its EXIF orientation
 * (rewritten as an EXIF block of that one tag); a PNG's colour chunks; a WebP's ICC profile. For what leaves the
 * tenant, such as a reference image sent to an image model's provider (docs/generation.md, "Reference images").
 */
public final class PrivateMetadata {
    /** PNG chunks kept: the image, its transparency, and how its colours and pixel size are meant. */
    static final Set<String> PNG_KEPT = Set.of("IHDR", "PLTE", "IDAT", "IEND", "tRNS", "iCCP", "sRGB", "gAMA", "cHRM",
            "sBIT", "cICP", "mDCv", "cLLI", "pHYs");

    private PrivateMetadata() {
    }

    /**
     * {@code image} without its private metadata, for a JPEG, PNG or WebP that {@link ImageProbe} read as {@code info};
     * the other formats are not written here (convert them).
     *
     * @throws ImageRejectedException when the bytes break the format's structure
     * @throws IllegalArgumentException for a format other than JPEG, PNG or WebP
     */
    public static byte[] strip(byte[] image, ImageInfo info) {
        try {
            return switch (info.format()) {
                case JPEG -> jpeg(image, info.orientation());
                case PNG -> png(image);
                case WEBP -> webp(image);
                default -> throw new IllegalArgumentException(info.format() + " is not rewritten here: convert it");
            };
        } catch (ArrayIndexOutOfBoundsException e) {
            throw ImageRejectedException.badImage(info.format() + " structure is truncated");
        }
    }

    private static byte[] jpeg(byte[] b, int orientation) {
        byte[] first = orientation > 1 && orientation <= 8 ? orientationOnlyExif(orientation) : new byte[0];
        try {
            return JpegRewrite.rewrite(b, first, (marker, from, end) ->
                    keptJpegSegment(b, from, marker, end - from - 2) ? Arrays.copyOfRange(b, from, end) : null);
        } catch (JpegSegments.Cut e) {
            throw ImageRejectedException.badImage("JPEG structure is truncated: " + e.getMessage());
        }
    }

    /** An APPn segment kept: JFIF, an ICC chunk, Adobe (comments and the rest are not). */
    private static boolean keptJpegSegment(byte[] b, int pos, int marker, int length) {
        if (marker == 0xFE) {
            return false; // comment
        }
        String id = ascii(b, pos + 4, Math.min(12, length - 2));
        return marker == 0xE0 && (id.startsWith("JFIF\0") || id.startsWith("JFXX\0"))
                || marker == 0xE2 && id.startsWith("ICC_PROFILE\0")
                || marker == 0xEE && id.startsWith("Adobe");
    }

    /** An APP1 EXIF block whose one IFD entry is the orientation (big-endian TIFF, tag 274, SHORT). */
    static byte[] orientationOnlyExif(int orientation) {
        return new byte[] {(byte) 0xFF, (byte) 0xE1, 0, 34, 'E', 'x', 'i', 'f', 0, 0, 'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1,
            0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte) orientation, 0, 0, 0, 0, 0, 0};
    }

    private static byte[] png(byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length);
        out.write(b, 0, 8);
        PngChunks.walk(b, ChunkOverrun.REFUSE, (type, body, end) -> {
            if (PNG_KEPT.contains(type)) out.write(b, body - 8, end + 4 - (body - 8));
            return true;
        });
        return out.toByteArray();
    }

    private static byte[] webp(byte[] b) {
        ByteArrayOutputStream chunks = new ByteArrayOutputStream(b.length);
        WebpChunks.walk(b, ChunkOverrun.REFUSE, (type, body, end, next) -> {
            if (type.equals("VP8X")) {
                byte[] chunk = Arrays.copyOfRange(b, body - 8, next);
                chunk[Vp8x.FLAGS_AT] = (byte) (chunk[Vp8x.FLAGS_AT] & ~(Vp8x.XMP | Vp8x.EXIF));
                chunks.writeBytes(chunk);
            } else if (!type.equals("EXIF") && !type.equals("XMP ")) {
                chunks.write(b, body - 8, next - (body - 8));
            }
            return true;
        });
        return WebpChunks.riff(chunks.toByteArray());
    }
}
