package io.realskin.imaging;

import java.nio.charset.StandardCharsets;

/**
 * A JPEG metadata segment without the small copies of the image it may carry: the EXIF thumbnail (IFD1 of an APP1
 * "Exif" block, {@link ExifThumbnail}) and Photoshop's thumbnail resources (APP13 "Photoshop 3.0",
 * {@link PhotoshopThumbnail}). For a file whose pixels were changed: file browsers show the thumbnail, which would still
 * be the old image, and the old image would travel with the new one. The rest of the segment is kept as it was.
 */
public final class EmbeddedPreviews {
    private static final byte[] EXIF = "Exif\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PHOTOSHOP = "Photoshop 3.0\0".getBytes(StandardCharsets.US_ASCII);

    private EmbeddedPreviews() {
    }

    /**
     * @param segment a whole marker segment: 0xFF, the marker, the length, the payload
     * @return {@code segment} itself when it carries no preview, a new segment without the previews, or, for an EXIF or
     *         Photoshop block that cannot be walked safely, its replacement: an EXIF block of its orientation alone
     *         (so the picture still stands the right way up), a Photoshop block as it is when no JPEG stands in it, or
     *         null, to be dropped whole
     */
    public static byte[] remove(byte[] segment) {
        int marker = segment[1] & 0xFF;
        boolean exif = marker == 0xE1 && startsWith(segment, EXIF);
        try {
            if (exif) return ExifThumbnail.remove(segment);
            if (marker == 0xED && startsWith(segment, PHOTOSHOP)) return PhotoshopThumbnail.remove(segment, PHOTOSHOP.length);
        } catch (RuntimeException e) {
            // walked past its end or met nonsense: a preview may be in there, and we cannot find it
            return exif ? orientationOnly(segment) : holdsAJpeg(segment) ? null : segment;
        }
        return segment;
    }

    /**
     * Whether a JPEG's start (FF D8 FF) stands anywhere in the segment: a Photoshop thumbnail is one, so an APP13 block
     * without it (IPTC continued in the next segment, say: the photographer's credit and copyright) keeps no preview.
     */
    private static boolean holdsAJpeg(byte[] segment) {
        for (int i = 4; i + 2 < segment.length; i++) {
            if (segment[i] == (byte) 0xFF && segment[i + 1] == (byte) 0xD8 && segment[i + 2] == (byte) 0xFF) return true;
        }
        return false;
    }

    private static byte[] orientationOnly(byte[] exif) {
        try {
            int orientation = ImageProbe.exifOrientation(exif, 10, exif.length);
            return orientation > 1 ? PrivateMetadata.orientationOnlyExif(orientation) : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static boolean startsWith(byte[] segment, byte[] id) {
        return segment.length >= 4 + id.length && java.util.Arrays.equals(segment, 4, 4 + id.length, id, 0, id.length);
    }

    /** The segment's length field set to its size. */
    static byte[] sized(byte[] segment) {
        int length = segment.length - 2;
        segment[2] = (byte) (length >>> 8);
        segment[3] = (byte) length;
        return segment;
    }
}
