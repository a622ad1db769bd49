package io.realskin.imaging;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static io.realskin.imaging.Bytes.ascii;

/**
 * A result's file with the metadata every result carries ({@link CarriedMetadata}): written into a file an encoder
 * made ({@link #embed}), or put in place of an unchanged input's own ({@link #unchanged}).
 */
public final class ResultFiles {
    /** A WebP's chunks that make its image, kept from an input. */
    private static final Set<String> WEBP_IMAGE = Set.of("VP8 ", "VP8L", "ALPH", "ANIM", "ANMF");

    private ResultFiles() {
    }

    /**
     * {@code encoded} (a JPEG, PNG, WebP or TIFF as an encoder wrote it, without metadata) with {@code metadata}: the
     * ICC profile (a JPEG's APP2 ICC_PROFILE segments, a PNG's iCCP, a WebP's ICCP, a TIFF's tag 34675), EXIF (not into
     * a TIFF: {@link #tiff}) and XMP (a JPEG's APP1 segments, a PNG's eXIf and uncompressed iTXt XML:com.adobe.xmp, a
     * WebP's EXIF and XMP chunks, VP8X flagging them, a TIFF's tag 700), and a JPEG's APP13; a BMP as it is. The file is
     * written once, the profile with the rest.
     */
    public static byte[] embed(byte[] encoded, ImageFormat format, CarriedMetadata metadata, int channels) {
        byte[] icc = metadata.icc() != null && IccProfile.describes(metadata.icc(), channels) ? metadata.icc() : null;
        return switch (format) {
            case JPEG -> jpeg(encoded, metadata, icc);
            case PNG -> png(encoded, metadata, true, icc);
            case WEBP -> webp(encoded, metadata, true, icc);
            case TIFF -> tiff(encoded, metadata, icc);
            default -> encoded;
        };
    }

    /**
     * An input nothing was changed in, as a result: its image data byte for byte (a JPEG's coding and entropy-coded
     * data, a PNG's IHDR, PLTE, IDAT and colour chunks, a WebP's image chunks), so it decodes to the input's pixels in
     * any decoder, with the metadata a result carries ({@link CarriedMetadata#of}, the orientation tag as stored, since
     * the pixels are) in place of the input's own. The input itself when that is what it held; null for a format not
     * rewritten here (TIFF, BMP) or a file whose structure cannot be walked.
     */
    public static byte[] unchanged(byte[] input) {
        return unchanged(input, null);
    }

    /**
     * {@link #unchanged(byte[])} for a caller that holds what a result of {@code input} carries already
     * ({@code carried}: {@link CarriedMetadata#of} for it; null to read it here), so a PNG or WebP is not walked for it
     * again. A JPEG's is read by {@link ResultMetadata}'s rule as its segments are copied.
     */
    public static byte[] unchanged(byte[] input, CarriedMetadata carried) {
        ImageFormat format = ImageProbe.format(input);
        if (format != ImageFormat.JPEG && format != ImageFormat.PNG && format != ImageFormat.WEBP) return null;
        byte[] out;
        try {
            out = switch (format) {
                case JPEG -> unchangedJpeg(input);
                case PNG -> png(input, carried != null ? carried : CarriedMetadata.of(input), false, null);
                default -> webp(input, carried != null ? carried : CarriedMetadata.of(input), false, null);
            };
        } catch (RuntimeException e) {
            return null;
        }
        if (out == null) return null;
        return Arrays.equals(out, input) ? input : out;
    }

    private static byte[] unchangedJpeg(byte[] b) {
        ResultMetadata rule = new ResultMetadata(b);
        return JpegRewrite.rewrite(b, new byte[0], (marker, from, end) -> rule.carried(from, end));
    }

    /** EXIF, XMP, APP13 and the profile's APP2 segments after the SOI and the JFIF APP0 that must come first. */
    private static byte[] jpeg(byte[] jpeg, CarriedMetadata m, byte[] icc) {
        if (m.exif() == null && m.xmp() == null && m.photoshop() == null && icc == null) return jpeg;
        return JpegRewrite.afterJfif(jpeg, m.exif(), m.xmp(), m.photoshop(), icc == null ? null : IccProfile.jpegSegments(icc));
    }

    /**
     * The PNG's chunks that make its pixels and colours ({@link PrivateMetadata#PNG_KEPT}; the iCCP when the profile is
     * carried), eXIf, the XMP's iTXt and the iCCP of {@code icc} (when not null) right after IHDR; when
     * {@code encoded}, the encoder's file, whose chunks are all kept. Null when a chunk runs past the file.
     */
    private static byte[] png(byte[] b, CarriedMetadata m, boolean encoded, byte[] icc) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length + 2 * 0xFFFF);
        out.write(b, 0, 8);
        boolean whole = PngChunks.walk(b, ChunkOverrun.STOP, (type, body, end) -> {
            boolean kept = encoded || PrivateMetadata.PNG_KEPT.contains(type) && (!type.equals("iCCP") || m.icc() != null);
            if (kept) out.write(b, body - 8, end + 4 - (body - 8));
            if (type.equals("IHDR")) {
                if (m.exif() != null) out.writeBytes(PngChunks.chunk("eXIf", m.exifTiff()));
                if (m.xmp() != null) {
                    out.writeBytes(PngChunks.chunk("iTXt", concat(
                            (CarriedMetadata.PNG_XMP_KEYWORD + "\0\0\0\0\0").getBytes(StandardCharsets.US_ASCII), m.xmpPacket())));
                }
                if (icc != null) out.writeBytes(IccProfile.iccpChunk(icc));
            }
            return true;
        });
        return whole ? out.toByteArray() : null;
    }

    /**
     * The WebP as an extended one (VP8X) with the carried EXIF and XMP chunks after the image, or as it is when it is a
     * simple one (no VP8X) with neither to carry and no profile to embed. Its image chunks (VP8, VP8L, ALPH, ANIM,
     * ANMF) are kept byte for byte; from an input ({@code encoded} false) its ICCP only when the profile is carried,
     * its own EXIF, XMP and unknown chunks never. The profile {@code icc} (when not null) goes in an ICCP chunk right
     * after the VP8X, in place of any the encoder wrote, whether the encoder's file was a simple one or an extended one
     * (libwebp writes VP8X, ALPH and VP8 for a lossy image with alpha). Null when a chunk runs past the file.
     */
    private static byte[] webp(byte[] b, CarriedMetadata m, boolean encoded, byte[] icc) {
        boolean embedIcc = icc != null;
        byte[] simpleVp8x = embedIcc && !ascii(b, 12, 4).equals("VP8X") ? Vp8x.forSimple(b, Vp8x.ICC) : null;
        byte[][] vp8x = {null};
        boolean[] iccKept = {false};
        ByteArrayOutputStream chunks = new ByteArrayOutputStream(b.length + (embedIcc ? icc.length + 9 : 0));
        if (embedIcc) chunks.writeBytes(WebpChunks.chunk("ICCP", icc));
        boolean whole = WebpChunks.walk(b, ChunkOverrun.STOP, (type, body, end, next) -> {
            if (type.equals("VP8X")) {
                vp8x[0] = Arrays.copyOfRange(b, body - 8, next);
            } else if (type.equals("ICCP") ? !embedIcc && (encoded || m.icc() != null) : encoded || WEBP_IMAGE.contains(type)) {
                iccKept[0] |= type.equals("ICCP");
                chunks.write(b, body - 8, next - (body - 8));
            }
            return true;
        });
        if (!whole) return null;
        if (vp8x[0] == null && !embedIcc && m.exif() == null && m.xmp() == null) return b;
        byte[] header = vp8x[0] != null ? vp8x[0] : simpleVp8x != null ? simpleVp8x : Vp8x.forSimple(b, 0);
        header[Vp8x.FLAGS_AT] = (byte) (header[Vp8x.FLAGS_AT] & (Vp8x.ALPHA | Vp8x.ANIMATION)
                | (embedIcc || iccKept[0] ? Vp8x.ICC : 0) | (m.exif() != null ? Vp8x.EXIF : 0) | (m.xmp() != null ? Vp8x.XMP : 0));
        return WebpChunks.riff(header, chunks.toByteArray(), riffChunk("EXIF", m.exifTiff()), riffChunk("XMP ", m.xmpPacket()));
    }

    /**
     * The TIFF with the profile (tag 34675, UNDEFINED) and the XMP packet (tag 700, BYTE) in its first IFD. The EXIF
     * block is not carried into a TIFF: its IFD0's fields (camera, date, author, orientation) would have to join the
     * image's own IFD0, and its Exif IFD, interoperability IFD and maker note hold offsets counted from the block's
     * header, each to be rewritten when moved into the file, which a maker note's own offsets cannot be (nothing says
     * where they are). A file that is no classic TIFF (a BigTIFF) is returned as it is: no result is refused for its
     * metadata.
     */
    private static byte[] tiff(byte[] tiff, CarriedMetadata m, byte[] icc) {
        List<TiffFields.Field> fields = new ArrayList<>();
        if (m.xmp() != null) fields.add(new TiffFields.Field(CarriedMetadata.TIFF_XMP, TiffFields.BYTE, m.xmpPacket()));
        if (icc != null) fields.add(new TiffFields.Field(IccProfile.TIFF_TAG, TiffFields.UNDEFINED, icc));
        if (fields.isEmpty()) return tiff;
        try {
            return TiffFields.with(tiff, fields.toArray(TiffFields.Field[]::new));
        } catch (RuntimeException e) {
            return tiff;
        }
    }

    /** A RIFF chunk, padded to an even size; nothing for null data. */
    private static byte[] riffChunk(String type, byte[] data) {
        return data == null ? new byte[0] : WebpChunks.chunk(type, data);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }
}
