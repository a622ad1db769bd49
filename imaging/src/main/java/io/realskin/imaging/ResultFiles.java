package io.realskin.imaging;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static io.realskin.imaging.Bytes.ascii;
import static io.realskin.imaging.Bytes.be32;
import static io.realskin.imaging.Bytes.le32;
import static io.realskin.imaging.Bytes.u8;

/**
 * A result's file with the metadata every result carries ({@link CarriedMetadata}): written into a file an encoder
 * made ({@link #embed}), or put in place of an unchanged input's own ({@link #unchanged}).
 */
public final class ResultFiles {
    private static final int VP8X_ICC = 0x20;
    private static final int VP8X_ALPHA = 0x10;
    private static final int VP8X_EXIF = 0x08;
    private static final int VP8X_XMP = 0x04;
    private static final int VP8X_ANIMATION = 0x02;

    private ResultFiles() {
    }

    /**
     * {@code encoded} (a JPEG, PNG or WebP as an encoder wrote it, without metadata) with {@code metadata}: the ICC
     * profile ({@link IccProfile#embed}), EXIF and XMP (a JPEG's APP1 segments, a PNG's eXIf and uncompressed iTXt
     * XML:com.adobe.xmp, a WebP's EXIF and XMP chunks, VP8X flagging them), and a JPEG's APP13; other formats as they are.
     */
    public static byte[] embed(byte[] encoded, ImageFormat format, CarriedMetadata metadata, int channels) {
        byte[] withIcc = IccProfile.embed(encoded, format, metadata.icc(), channels);
        return switch (format) {
            case JPEG -> jpeg(withIcc, metadata);
            case PNG -> png(withIcc, metadata, true);
            case WEBP -> webp(withIcc, metadata, true);
            default -> withIcc;
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
        ImageFormat format = ImageProbe.format(input);
        if (format != ImageFormat.JPEG && format != ImageFormat.PNG && format != ImageFormat.WEBP) return null;
        byte[] out;
        try {
            out = switch (format) {
                case JPEG -> unchangedJpeg(input);
                case PNG -> png(input, CarriedMetadata.of(input), false);
                default -> webp(input, CarriedMetadata.of(input), false);
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

    /** EXIF, XMP and APP13 after the SOI and the JFIF APP0 that must come first. */
    private static byte[] jpeg(byte[] jpeg, CarriedMetadata m) {
        if (m.exif() == null && m.xmp() == null && m.photoshop() == null) return jpeg;
        int at = 2;
        if (u8(jpeg, 2) == 0xFF && u8(jpeg, 3) == 0xE0) at = 4 + (u8(jpeg, 4) << 8 | u8(jpeg, 5));
        ByteArrayOutputStream out = new ByteArrayOutputStream(jpeg.length + 3 * 0xFFFF);
        out.write(jpeg, 0, at);
        for (byte[] segment : new byte[][] {m.exif(), m.xmp(), m.photoshop()}) {
            if (segment != null) out.writeBytes(segment);
        }
        out.write(jpeg, at, jpeg.length - at);
        return out.toByteArray();
    }

    /**
     * The PNG's chunks that make its pixels and colours ({@link PrivateMetadata#PNG_KEPT}; the iCCP when the profile is
     * carried), eXIf and the XMP's iTXt right after IHDR; when {@code encoded}, the encoder's file, whose chunks are all
     * kept. Null when a chunk runs past the file.
     */
    private static byte[] png(byte[] b, CarriedMetadata m, boolean encoded) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length + 2 * 0xFFFF);
        out.write(b, 0, 8);
        for (int pos = 8; pos + 12 <= b.length; ) {
            long length = be32(b, pos);
            String type = ascii(b, pos + 4, 4);
            long end = pos + 12 + length;
            if (end > b.length) return null;
            boolean kept = encoded || PrivateMetadata.PNG_KEPT.contains(type) && (!type.equals("iCCP") || m.icc() != null);
            if (kept) out.write(b, pos, (int) (end - pos));
            if (type.equals("IHDR")) {
                if (m.exif() != null) out.writeBytes(IccProfile.chunk("eXIf", m.exifTiff()));
                if (m.xmp() != null) {
                    out.writeBytes(IccProfile.chunk("iTXt", concat(
                            (CarriedMetadata.PNG_XMP_KEYWORD + "\0\0\0\0\0").getBytes(StandardCharsets.US_ASCII), m.xmpPacket())));
                }
            }
            if (type.equals("IEND")) return out.toByteArray();
            pos = (int) end;
        }
        return null;
    }

    /**
     * The WebP as an extended one (VP8X) with the carried EXIF and XMP chunks after the image, or as it is when it is a
     * simple one (no VP8X) with neither to carry. Its image chunks (VP8, VP8L, ALPH, ANIM, ANMF) are kept byte for
     * byte; from an input ({@code encoded} false) its ICCP only when the profile is carried, its own EXIF, XMP and
     * unknown chunks never. Null when a chunk runs past the file.
     */
    private static byte[] webp(byte[] b, CarriedMetadata m, boolean encoded) {
        long riffEnd = Math.min(b.length, 8 + le32(b, 4));
        byte[] vp8x = null;
        boolean icc = false;
        ByteArrayOutputStream chunks = new ByteArrayOutputStream(b.length);
        for (long pos = 12; pos + 8 <= riffEnd; ) {
            long size = le32(b, (int) pos + 4);
            if (pos + 8 + size > riffEnd) return null;
            String type = ascii(b, (int) pos, 4);
            int end = (int) Math.min(riffEnd, pos + 8 + size + (size & 1));
            if (type.equals("VP8X")) {
                vp8x = Arrays.copyOfRange(b, (int) pos, end);
            } else if (type.equals("ICCP") ? encoded || m.icc() != null : encoded
                    || type.equals("VP8 ") || type.equals("VP8L") || type.equals("ALPH") || type.equals("ANIM") || type.equals("ANMF")) {
                icc |= type.equals("ICCP");
                chunks.write(b, (int) pos, (int) (end - pos));
            }
            pos = end;
        }
        if (vp8x == null && m.exif() == null && m.xmp() == null) return b;
        if (vp8x == null) vp8x = vp8x(b);
        int flags = vp8x[8] & (VP8X_ALPHA | VP8X_ANIMATION) | (icc ? VP8X_ICC : 0)
                | (m.exif() != null ? VP8X_EXIF : 0) | (m.xmp() != null ? VP8X_XMP : 0);
        vp8x[8] = (byte) flags;
        chunks.writeBytes(riffChunk("EXIF", m.exifTiff()));
        chunks.writeBytes(riffChunk("XMP ", m.xmpPacket()));
        byte[] body = chunks.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + vp8x.length + 12);
        out.writeBytes("RIFF".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(le(4 + vp8x.length + body.length));
        out.writeBytes("WEBP".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(vp8x);
        out.writeBytes(body);
        return out.toByteArray();
    }

    /** A VP8X chunk for a simple WebP: its canvas size and whether it has alpha. */
    private static byte[] vp8x(byte[] simple) {
        ImageInfo info = ImageProbe.probe(simple);
        int w = info.width() - 1;
        int h = info.height() - 1;
        return new byte[] {'V', 'P', '8', 'X', 10, 0, 0, 0, (byte) (info.channels() == 4 ? VP8X_ALPHA : 0), 0, 0, 0,
            (byte) w, (byte) (w >> 8), (byte) (w >> 16), (byte) h, (byte) (h >> 8), (byte) (h >> 16)};
    }

    /** A RIFF chunk, padded to an even size; nothing for null data. */
    private static byte[] riffChunk(String type, byte[] data) {
        if (data == null) return new byte[0];
        return concat(type.getBytes(StandardCharsets.US_ASCII), le(data.length), data, new byte[data.length & 1]);
    }

    private static byte[] le(int v) {
        return new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }
}
