package io.realskin.imaging;

import java.nio.charset.StandardCharsets;

/**
 * A JPEG metadata segment without the small copies of the image it may carry: the EXIF thumbnail (IFD1 of an APP1
 * "Exif" block, {@link ExifIfds}), Photoshop's thumbnail resources (APP13 "Photoshop 3.0",
 * {@link PhotoshopThumbnail}) and XMP's ({@link XmpThumbnails}). For a file whose pixels were changed: file browsers
 * show the thumbnail, which would still be the old image, and the old image would travel with the new one. The rest of
 * the segment is kept as it was. Two kinds of segment are dropped whole: extended XMP (APP1
 * "http://ns.adobe.com/xmp/extension/"), the part of a packet too big for one segment cut into pieces at any byte, so a
 * thumbnail can straddle two of them and none can be rewritten alone (it holds what is big: Photoshop's history, a
 * phone's depth map and, for a Google Camera Lens Blur photo, the picture before the blur, GImage:Data); and every APP2 segment
 * but an ICC profile's and the multi-picture index (MPF): FlashPix ("FPXR"), extension streams that hold Kodak's and
 * Fujifilm's preview image and nothing a reader of the JPEG needs, and the preview Samsung's cameras split over APP2
 * segments without any header, which only the absence of one tells apart.
 */
public final class EmbeddedPreviews {
    static final byte[] EXIF = "Exif\0".getBytes(StandardCharsets.US_ASCII);
    static final byte[] PHOTOSHOP = "Photoshop 3.0\0".getBytes(StandardCharsets.US_ASCII);
    static final byte[] XMP = "http://ns.adobe.com/xap/1.0/\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EXTENDED_XMP = "http://ns.adobe.com/xmp/extension/\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ICC_PROFILE = "ICC_PROFILE\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MPF = "MPF\0".getBytes(StandardCharsets.US_ASCII);

    private EmbeddedPreviews() {
    }

    /**
     * @param segment a whole marker segment: 0xFF, the marker, the length, the payload
     * @return {@code segment} itself when it carries no preview, a new segment without the previews, null for extended
     *         XMP and for an APP2 segment other than ICC_PROFILE and MPF, or, for an EXIF, Photoshop or XMP block that
     *         cannot be walked safely, its replacement: an EXIF block of its orientation alone (so the picture still
     *         stands the right way up), a Photoshop block as it is when no JPEG stands in it, or null, to be dropped
     *         whole
     */
    public static byte[] remove(byte[] segment) {
        if (keptAsItIs(segment, 0, segment.length)) return segment;
        int marker = segment[1] & 0xFF;
        boolean exif = marker == 0xE1 && startsWith(segment, EXIF);
        if (marker == 0xE1 && startsWith(segment, EXTENDED_XMP)) return null;
        if (marker == 0xE2 && !startsWith(segment, ICC_PROFILE) && !startsWith(segment, MPF)) return null;
        try {
            if (exif) return ExifPreviews.zero(ExifIfds.withoutThumbnail(segment));
            if (marker == 0xED && startsWith(segment, PHOTOSHOP)) return PhotoshopThumbnail.remove(segment, PHOTOSHOP.length);
            if (marker == 0xE1 && startsWith(segment, XMP)) return XmpThumbnails.remove(segment, XMP.length);
        } catch (RuntimeException e) {
            // walked past its end or met nonsense: a preview may be in there, and we cannot find it
            // (an XMP packet that is not well-formed: its thumbnail cannot be told from the rest)
            return exif ? orientationOnly(segment) : marker == 0xED && !holdsAJpeg(segment) ? segment : null;
        }
        return segment;
    }

    /**
     * Whether {@link #remove} keeps the marker segment at {@code from} (up to {@code end}) as it is without looking into
     * it: any segment but an EXIF, XMP or extended XMP APP1, an APP2 other than ICC_PROFILE and MPF, and Photoshop's
     * APP13. An ICC chunk, C2PA's APP11, a vendor's APPn or a comment can then be kept without a copy.
     */
    public static boolean keptAsItIs(byte[] data, int from, int end) {
        int marker = data[from + 1] & 0xFF;
        return switch (marker) {
            case 0xE1 -> !startsWith(data, from, end, EXIF) && !startsWith(data, from, end, XMP)
                    && !startsWith(data, from, end, EXTENDED_XMP);
            case 0xE2 -> startsWith(data, from, end, ICC_PROFILE) || startsWith(data, from, end, MPF);
            case 0xED -> !startsWith(data, from, end, PHOTOSHOP);
            default -> true;
        };
    }

    /** Whether the marker segment at {@code from} (up to {@code end}) starts with the identifier {@code id}. */
    static boolean startsWith(byte[] data, int from, int end, byte[] id) {
        return end - from >= 4 + id.length && java.util.Arrays.equals(data, from + 4, from + 4 + id.length, id, 0, id.length);
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

    /** An EXIF block of the segment's orientation alone, or null when it is 1 or cannot be read. */
    static byte[] orientationOnly(byte[] exif) {
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
