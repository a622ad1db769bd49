package io.realskin.imaging;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static io.realskin.imaging.EmbeddedPreviews.EXIF;
import static io.realskin.imaging.EmbeddedPreviews.PHOTOSHOP;
import static io.realskin.imaging.EmbeddedPreviews.XMP;

/**
 * Which of a JPEG's metadata segments a result made from it carries, and how; the rule is bounded by construction.
 * Every result follows it, whatever its path and format ({@link CarriedMetadata} reads the same blocks from a PNG or a
 * WebP, {@link ResultFiles} writes them). Carried: the ICC profile when {@link IccProfile#of}
 * reads one (what the pixel values mean; at most {@link IccProfile#MAX_BYTES}) that describes the file's samples
 * ({@link IccProfile#describesStored}: a header that holds together, their colour space), the first JFIF APP0 and the first
 * Adobe APP14 (how a decoder turns the samples into colours), the first EXIF APP1, the first XMP APP1 and the first
 * Photoshop APP13 (the photographer's: camera, exposure, date, author, copyright, IPTC), each one segment of at most
 * 64 KB, without the input's previews ({@link EmbeddedPreviews}: they would show the picture before the change) and
 * without where the photo was taken (EXIF's GPS IFD, {@link ExifIfds}; XMP's GPS properties, {@link XmpThumbnails};
 * the EXIF and XMP copies in APP13, {@link PhotoshopThumbnail}). Not carried: comments, every other APPn (a vendor's,
 * C2PA's manifest, which holds a thumbnail of the signed picture and names the input's bytes, a multi-picture index,
 * extended XMP), and second segments of a carried kind.
 */
public final class ResultMetadata {
    private static final byte[] JFIF = "JFIF\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ADOBE = "Adobe".getBytes(StandardCharsets.US_ASCII);

    private final byte[] jpeg;
    private boolean jfif;
    private boolean exif;
    private boolean xmp;
    private boolean adobe;
    private boolean photoshop;
    /**
     * Whether the file's ICC chunks are one profile {@link IccProfile#of} reads that describes the file's samples
     * ({@link IccProfile#describesStored}); asked at the first chunk.
     */
    private Boolean icc;

    /** For the segments of {@code jpeg}, in the file's order. */
    public ResultMetadata(byte[] jpeg) {
        this.jpeg = jpeg;
    }

    /**
     * @param from where the segment starts (its 0xFF), in the file
     * @param end  where it ends
     * @return what the result carries of the APPn or COM segment: a segment to write, or null for nothing
     */
    public byte[] carried(int from, int end) {
        int marker = jpeg[from + 1] & 0xFF;
        boolean carried = switch (marker) {
            case 0xE0 -> !jfif && (jfif = startsWith(from, end, JFIF));
            case 0xE1 -> !exif && (exif = startsWith(from, end, EXIF)) || !xmp && (xmp = startsWith(from, end, XMP));
            case 0xE2 -> IccProfile.jpegChunk(jpeg, from + 4, end) && iccProfile();
            case 0xED -> !photoshop && (photoshop = startsWith(from, end, PHOTOSHOP));
            case 0xEE -> !adobe && (adobe = startsWith(from, end, ADOBE));
            default -> false;
        };
        if (!carried) return null;
        byte[] segment = Arrays.copyOfRange(jpeg, from, end);
        return marker == 0xE1 || marker == 0xED ? withoutPreviewsOrPlace(segment, marker) : segment;
    }

    /** An EXIF, XMP or APP13 segment without its previews and GPS; null when they cannot be told apart from the rest. */
    static byte[] withoutPreviewsOrPlace(byte[] segment, int marker) {
        byte[] out = EmbeddedPreviews.remove(segment);
        if (out == null) return null;
        boolean exif = marker == 0xE1 && EmbeddedPreviews.startsWith(out, 0, out.length, EXIF);
        try {
            if (marker == 0xED) return PhotoshopThumbnail.withoutMetadataCopies(out, PHOTOSHOP.length);
            return exif ? ExifIfds.withoutGps(out) : XmpThumbnails.withoutGps(out, XMP.length);
        } catch (RuntimeException e) {
            // a block that cannot be walked may hold a place: dropped whole, but for an EXIF block's orientation, so
            // pixels stored turned (an unchanged result's) still stand the right way up
            return exif ? EmbeddedPreviews.orientationOnly(segment) : null;
        }
    }

    private boolean iccProfile() {
        if (icc == null) {
            byte[] profile = IccProfile.of(jpeg);
            icc = profile != null && IccProfile.describesStored(profile, jpeg);
        }
        return icc;
    }

    private boolean startsWith(int from, int end, byte[] id) {
        return EmbeddedPreviews.startsWith(jpeg, from, end, id);
    }
}
