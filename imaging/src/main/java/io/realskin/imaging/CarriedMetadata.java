package io.realskin.imaging;

import io.realskin.imaging.jpeg.JpegSegments;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.DataFormatException;

import static io.realskin.imaging.Bytes.ascii;

/**
 * What of an input's metadata every result made from it carries, whatever the input's format and the result's
 * ({@link ResultMetadata}'s rule): the ICC profile, the first EXIF block and the first XMP packet of at most 64 KB each,
 * without previews or GPS, and for a JPEG result the first Photoshop APP13 (IPTC) too. They are read from a JPEG's
 * APP1 and APP13 segments, a PNG's {@code eXIf} and {@code iTXt XML:com.adobe.xmp} chunks, a WebP's {@code EXIF} and
 * {@code XMP } chunks, a TIFF's tag 700 (XMP; its EXIF is not read); a BMP's gives nothing. EXIF, XMP and APP13 are kept
 * as JPEG marker segments, the form {@link ResultMetadata} cleans; null where the input has none to carry.
 *
 * @param icc       the ICC profile ({@link IccProfile#of}) when it describes the input's samples ({@link IccProfile#describesStored}), or null
 * @param exif      an APP1 "Exif" segment, or null
 * @param xmp       an APP1 XMP segment, or null
 * @param photoshop an APP13 "Photoshop 3.0" segment, or null
 */
public record CarriedMetadata(byte[] icc, byte[] exif, byte[] xmp, byte[] photoshop) {
    static final byte[] EXIF_ID = "Exif\0\0".getBytes(StandardCharsets.US_ASCII);
    static final String PNG_XMP_KEYWORD = "XML:com.adobe.xmp";
    /** TIFF's XMP tag (XMP Specification Part 3), values of type BYTE or UNDEFINED. */
    static final int TIFF_XMP = 700;
    /** A JPEG segment's payload at most: a block carried from a PNG or a WebP is bounded as one from a JPEG. */
    private static final int MAX_PAYLOAD = 0xFFFF - 2;

    /** The profile alone (what a caller that has no input file to read carries). */
    public static CarriedMetadata iccOnly(byte[] icc) {
        return new CarriedMetadata(icc, null, null, null);
    }

    /** What a result of {@code input} carries; the profile alone when the file's structure cannot be walked. */
    public static CarriedMetadata of(byte[] input) {
        return of(input, IccProfile.of(input));
    }

    /**
     * {@link #of(byte[])} for a caller that has read the input's profile already ({@code icc}: what
     * {@link IccProfile#of} gives for {@code input}, as a decode holds it), so the file is not walked for it again.
     */
    public static CarriedMetadata of(byte[] input, byte[] icc) {
        if (icc != null && !IccProfile.describesStored(icc, input)) icc = null; // no profile of these samples
        ImageFormat format = ImageProbe.format(input);
        try {
            if (format == ImageFormat.JPEG) return jpeg(input, icc);
            if (format == ImageFormat.PNG) return png(input, icc);
            if (format == ImageFormat.WEBP) return webp(input, icc);
            if (format == ImageFormat.TIFF) return tiff(input, icc);
        } catch (RuntimeException | DataFormatException e) {
            // a structure cut short: what it holds cannot be told apart, so none of it is carried
        }
        return iccOnly(icc);
    }

    /**
     * This metadata for pixels that stand upright as stored: the EXIF orientation set to 1 and XMP's
     * {@code tiff:Orientation} taken out, for a result whose pixels were turned by the decode (a tag left as it was
     * would turn them a second time). An EXIF block whose orientation cannot be set is not carried.
     */
    public CarriedMetadata upright() {
        byte[] turned = null;
        byte[] packet = null;
        try {
            turned = exif == null ? null : ExifIfds.upright(exif);
        } catch (RuntimeException e) {
            // not carried
        }
        try {
            packet = xmp == null ? null : XmpThumbnails.withoutOrientation(xmp, EmbeddedPreviews.XMP.length);
        } catch (RuntimeException e) {
            // not carried
        }
        return new CarriedMetadata(icc, turned, packet, photoshop);
    }

    /** The EXIF block's TIFF structure (what a PNG's eXIf and a WebP's EXIF chunk hold), or null. */
    byte[] exifTiff() {
        return exif == null ? null : Arrays.copyOfRange(exif, 4 + EXIF_ID.length, exif.length);
    }

    /** The XMP packet, or null. */
    byte[] xmpPacket() {
        return xmp == null ? null : Arrays.copyOfRange(xmp, 4 + EmbeddedPreviews.XMP.length, xmp.length);
    }

    private static CarriedMetadata jpeg(byte[] b, byte[] icc) {
        ResultMetadata rule = new ResultMetadata(b);
        byte[][] found = new byte[3][];
        JpegSegments.walk(b, (marker, body, end) -> {
            if (marker == 0xDA) return JpegSegments.STOP;
            if (marker == 0xE1 || marker == 0xED) {
                byte[] segment = rule.carried(body - 4, end);
                int kind = marker == 0xED ? 2 : EmbeddedPreviews.startsWith(b, body - 4, end, EmbeddedPreviews.EXIF) ? 0 : 1;
                if (segment != null && found[kind] == null) found[kind] = segment;
            }
            return end;
        });
        return new CarriedMetadata(icc, found[0], found[1], found[2]);
    }

    /** The first eXIf chunk and the first iTXt XMP packet (compressed or not), before or after the image data. */
    private static CarriedMetadata png(byte[] b, byte[] icc) throws DataFormatException {
        int[][] first = new int[2][]; // the data (body, end) of the first eXIf chunk and of the first XMP iTXt chunk
        PngChunks.walk(b, ChunkOverrun.STOP, (type, body, end) -> {
            int kind = type.equals("eXIf") ? 0
                    : type.equals("iTXt") && ascii(b, body, PNG_XMP_KEYWORD.length() + 1).equals(PNG_XMP_KEYWORD + "\0") ? 1 : -1;
            if (kind >= 0 && first[kind] == null) first[kind] = new int[] {body, end};
            return true;
        });
        byte[] exif = first[0] == null ? null : cleaned(0xE1, EXIF_ID, b, first[0][0], first[0][1] - first[0][0]);
        byte[] packet = first[1] == null ? null : itxtText(b, first[1][0] + PNG_XMP_KEYWORD.length() + 1, first[1][1]);
        byte[] xmp = packet == null ? null : cleaned(0xE1, EmbeddedPreviews.XMP, packet, 0, packet.length);
        return new CarriedMetadata(icc, exif, xmp, null);
    }

    /** An iTXt chunk's text after its keyword's NUL: flag, method, language, NUL, translated keyword, NUL, the text. */
    private static byte[] itxtText(byte[] b, int at, int end) throws DataFormatException {
        boolean compressed = b[at] == 1;
        if (b[at + 1] != 0) return null;
        int text = at + 2;
        for (int nuls = 0; nuls < 2; text++) {
            if (text >= end) return null;
            if (b[text] == 0) nuls++;
        }
        if (!compressed) return Arrays.copyOfRange(b, text, end);
        byte[] packet = IccProfile.inflate(b, text, end - text, MAX_PAYLOAD);
        return packet != null && packet.length <= MAX_PAYLOAD ? packet : null; // larger than a segment: not carried
    }

    /** The first EXIF chunk (with or without the "Exif\0\0" some writers put first) and the first XMP chunk. */
    private static CarriedMetadata webp(byte[] b, byte[] icc) {
        int[][] first = new int[2][]; // the data (body, end) of the first EXIF chunk and of the first XMP chunk
        WebpChunks.walk(b, ChunkOverrun.STOP, (type, body, end, next) -> {
            int kind = type.equals("EXIF") ? 0 : type.equals("XMP ") ? 1 : -1;
            if (kind >= 0 && first[kind] == null) first[kind] = new int[] {body, end};
            return true;
        });
        byte[] exif = null;
        if (first[0] != null) {
            int body = first[0][0];
            int size = first[0][1] - body;
            int skip = size >= EXIF_ID.length && Arrays.equals(b, body, body + EXIF_ID.length, EXIF_ID, 0, EXIF_ID.length)
                    ? EXIF_ID.length : 0;
            exif = cleaned(0xE1, EXIF_ID, b, body + skip, size - skip);
        }
        byte[] xmp = first[1] == null ? null : cleaned(0xE1, EmbeddedPreviews.XMP, b, first[1][0], first[1][1] - first[1][0]);
        return new CarriedMetadata(icc, exif, xmp, null);
    }

    /**
     * The first IFD's XMP (tag 700). Its EXIF is not read: a TIFF's camera fields are its IFD0's own, beside the
     * image's, and its Exif IFD's offsets count from the file's start, so they make no EXIF block without being moved.
     */
    private static CarriedMetadata tiff(byte[] b, byte[] icc) {
        if (!Tiff.startsAt(b, 0)) return iccOnly(icc);
        Tiff t = new Tiff(b, 0, b.length);
        int entry = t.entry(t.firstIfd(), TIFF_XMP);
        byte[] packet = entry < 0 ? null : t.valueBytesOf(entry);
        byte[] xmp = packet == null ? null : cleaned(0xE1, EmbeddedPreviews.XMP, packet, 0, packet.length);
        return new CarriedMetadata(icc, null, xmp, null);
    }

    /** The block as a JPEG segment ({@code id}, then the data), cleaned as a JPEG's; null when it is larger than one. */
    private static byte[] cleaned(int marker, byte[] id, byte[] b, int from, int length) {
        if (id.length + length > MAX_PAYLOAD) return null;
        byte[] segment = new byte[4 + id.length + length];
        segment[0] = (byte) 0xFF;
        segment[1] = (byte) marker;
        System.arraycopy(id, 0, segment, 4, id.length);
        System.arraycopy(b, from, segment, 4 + id.length, length);
        return ResultMetadata.withoutPreviewsOrPlace(EmbeddedPreviews.sized(segment), marker);
    }
}
