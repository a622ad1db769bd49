package io.realskin.imaging;

import io.realskin.imaging.jpeg.JpegSegments;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

import static io.realskin.imaging.Bytes.ascii;
import static io.realskin.imaging.Bytes.be32;
import static io.realskin.imaging.Bytes.u8;

/**
 * The ICC profile (ICC.1) that says what an image's pixel values mean: read from a JPEG's APP2 ICC_PROFILE segments
 * (joined in their sequence order), a PNG's iCCP chunk, a WebP's ICCP chunk or a TIFF's tag 34675, and written into a
 * JPEG, PNG, WebP or TIFF encoded without one. A file written without its input's Display P3 or Adobe RGB profile shows
 * its colours as sRGB ones: duller, with skin shifted.
 */
public final class IccProfile {
    /** The largest profile carried (real ones are well under 1 MB; a PNG's iCCP is inflated to this much at most). */
    public static final int MAX_BYTES = 4 << 20;
    /** TIFF's InterColorProfile tag (TIFF/EP, ICC.1 Annex B), values of type UNDEFINED. */
    static final int TIFF_TAG = 34675;
    private static final byte[] JPEG_ID = "ICC_PROFILE\0".getBytes(StandardCharsets.US_ASCII);
    /** A JPEG APP2 segment's profile bytes at most: 65,535 less the length field and the 14-byte header. */
    private static final int JPEG_CHUNK = 0xFFFF - 2 - 14;

    private IccProfile() {
    }

    /** The profile the image embeds, or null when it has none, or none that can be read whole within {@link #MAX_BYTES}. */
    public static byte[] of(byte[] image) {
        ImageFormat format = ImageProbe.format(image);
        if (format == null) return null;
        try {
            byte[] profile = switch (format) {
                case JPEG -> jpeg(image);
                case PNG -> png(image);
                case WEBP -> webp(image);
                case TIFF -> tiff(image);
                default -> null;
            };
            return profile != null && profile.length >= 128 && profile.length <= MAX_BYTES ? profile : null;
        } catch (ArrayIndexOutOfBoundsException | JpegSegments.Cut | DataFormatException e) {
            return null; // a profile cut short or broken says nothing about the pixels
        }
    }

    /**
     * Whether the profile describes pixels of that many channels as a decode holds them: {@link #isProfile} and its
     * data colour space 'GRAY' for 1-2, 'RGB ' for 3-4.
     */
    public static boolean describes(byte[] profile, int channels) {
        return isProfile(profile) && ascii(profile, 16, 4).equals(channels <= 2 ? "GRAY" : "RGB ");
    }

    /**
     * Whether the profile describes the samples {@code image} stores (before any decode): its colour space is the one
     * they are in, 'GRAY' for a gray JPEG, PNG or TIFF, 'RGB ' for a colour one (a JPEG's YCbCr codes RGB) or a WebP,
     * 'CMYK' for a four-component JPEG or a separated TIFF. The rule for a file that keeps its samples (a JPEG
     * written from its coefficients, an unchanged input): the same profile, or none, as a decode's pixels get.
     */
    public static boolean describesStored(byte[] profile, byte[] image) {
        String space;
        try {
            space = storedSpace(image);
        } catch (RuntimeException e) {
            return false; // a structure that cannot be walked: what its samples are nobody can say
        }
        return space != null && isProfile(profile) && ascii(profile, 16, 4).equals(space);
    }

    /**
     * Whether the bytes hold together as an ICC profile's header says (ICC.1 7.2): at least the 128-byte header, the
     * size field (bytes 0-3) the bytes' length, the signature 'acsp' at byte 36.
     */
    static boolean isProfile(byte[] profile) {
        return profile.length >= 128 && be32(profile, 0) == profile.length
                && ascii(profile, 36, 4).equals("acsp");
    }

    /** The ICC colour space of the samples the image stores, or null for samples no profile we carry describes. */
    private static String storedSpace(byte[] image) {
        ImageFormat format = ImageProbe.format(image);
        if (format == null) return null;
        return switch (format) {
            case JPEG -> switch (jpegComponents(image)) {
                case 1 -> "GRAY";
                case 3 -> "RGB ";
                case 4 -> "CMYK";
                default -> null;
            };
            case PNG -> u8(image, 25) == 0 || u8(image, 25) == 4 ? "GRAY" : "RGB "; // IHDR's colour type
            case WEBP -> "RGB ";
            case TIFF -> switch (tiffPhotometric(image)) {
                case 0, 1 -> "GRAY";
                case 2, 3, 6 -> "RGB "; // RGB, palette, YCbCr
                case 5 -> "CMYK";
                default -> null;
            };
            default -> null;
        };
    }

    /** The components of a JPEG's frame (its first SOFn), 0 when there is none before the scans. */
    private static int jpegComponents(byte[] b) {
        int[] components = {0};
        JpegSegments.walk(b, (marker, body, end) -> {
            if (marker == 0xDA) return JpegSegments.STOP;
            if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC && body + 5 < end) {
                components[0] = u8(b, body + 5);
                return JpegSegments.STOP;
            }
            return end;
        });
        return components[0];
    }

    private static int tiffPhotometric(byte[] b) {
        Tiff t = new Tiff(b, 0, b.length);
        int entry = t.entry(t.firstIfd(), 262);
        return entry < 0 ? -1 : t.value(entry);
    }

    /** Whether the JPEG segment whose body is {@code body..end} is an APP2 ICC_PROFILE chunk (marker aside). */
    public static boolean jpegChunk(byte[] jpeg, int body, int end) {
        return end - body >= 14 && Arrays.equals(jpeg, body, body + 12, JPEG_ID, 0, 12);
    }

    /**
     * The chunks joined in sequence order, read as libjpeg-turbo's jpeg_read_icc_profile reads them: every chunk names
     * the same count, each sequence number from 1 to the count once; else null (chunks with another count, a second
     * chunk 2, a chunk 0: which of them is the profile nobody can say). Nothing is copied before the chunks add up to at
     * most {@link #MAX_BYTES}.
     */
    private static byte[] jpeg(byte[] b) {
        int[] starts = new int[256];
        int[] ends = new int[256];
        int[] count = {-1};
        boolean[] inconsistent = {false};
        JpegSegments.walk(b, (marker, body, end) -> {
            if (marker == 0xDA) return JpegSegments.STOP;
            if (marker == 0xE2 && jpegChunk(b, body, end)) {
                int sequence = u8(b, body + 12);
                int chunks = u8(b, body + 13);
                if (count[0] < 0) count[0] = chunks;
                if (chunks != count[0] || sequence == 0 || sequence > chunks || ends[sequence] != 0) {
                    inconsistent[0] = true;
                    return JpegSegments.STOP;
                }
                starts[sequence] = body + 14;
                ends[sequence] = end;
            }
            return end;
        });
        if (count[0] < 0 || inconsistent[0]) return null;
        long total = 0;
        for (int i = 1; i <= count[0]; i++) {
            if (ends[i] == 0) return null;
            total += ends[i] - starts[i];
        }
        if (total > MAX_BYTES) return null;
        byte[] profile = new byte[(int) total];
        int at = 0;
        for (int i = 1; i <= count[0]; i++) {
            System.arraycopy(b, starts[i], profile, at, ends[i] - starts[i]);
            at += ends[i] - starts[i];
        }
        return profile;
    }

    /** iCCP: a name of 1-79 bytes, NUL, compression method 0, the zlib-compressed profile; before the image data. */
    private static byte[] png(byte[] b) throws DataFormatException {
        int[] iccp = {-1, -1}; // the iCCP chunk's data: where it starts and ends
        PngChunks.walk(b, ChunkOverrun.STOP, (type, body, end) -> {
            if (type.equals("iCCP")) {
                iccp[0] = body;
                iccp[1] = end;
            }
            return iccp[0] < 0 && !type.equals("IDAT") && !type.equals("IEND");
        });
        if (iccp[0] < 0) return null;
        int end = iccp[1];
        int nul = iccp[0];
        while (nul < end && b[nul] != 0) nul++;
        return nul + 2 < end && b[nul + 1] == 0 ? inflate(b, nul + 2, end - nul - 2, MAX_BYTES) : null;
    }

    /** The zlib stream at {@code from}, or null when it is cut short or inflates to more than {@code max} bytes. */
    static byte[] inflate(byte[] b, int from, int length, int max) throws DataFormatException {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(b, from, length);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[1 << 16];
            while (!inflater.finished() && out.size() <= max) {
                int n = inflater.inflate(buf);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) return null;
                out.write(buf, 0, n);
            }
            return inflater.finished() ? out.toByteArray() : null;
        } finally {
            inflater.end();
        }
    }

    /** TIFF tag 34675 (InterColorProfile) of the first IFD, the image the decoders read; null outside the file. */
    private static byte[] tiff(byte[] b) {
        if (!Tiff.startsAt(b, 0)) return null;
        Tiff t = new Tiff(b, 0, b.length);
        int entry = t.entry(t.firstIfd(), TIFF_TAG);
        return entry < 0 || t.valueBytes(entry) > MAX_BYTES ? null : t.valueBytesOf(entry);
    }

    private static byte[] webp(byte[] b) {
        byte[][] found = {null};
        WebpChunks.walk(b, ChunkOverrun.STOP, (type, body, end, next) -> {
            if (type.equals("ICCP")) found[0] = Arrays.copyOfRange(b, body, end);
            return found[0] == null;
        });
        return found[0];
    }

    /** A JPEG's APP2 ICC_PROFILE segments holding {@code profile}, numbered in order, as many as it takes. */
    static byte[] jpegSegments(byte[] profile) {
        int count = (profile.length + JPEG_CHUNK - 1) / JPEG_CHUNK;
        ByteArrayOutputStream out = new ByteArrayOutputStream(profile.length + 18 * count);
        for (int i = 0; i < count; i++) {
            int from = i * JPEG_CHUNK;
            int length = Math.min(JPEG_CHUNK, profile.length - from);
            int segment = length + 16;
            out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xE2, (byte) (segment >> 8), (byte) segment});
            out.writeBytes(JPEG_ID);
            out.write(i + 1);
            out.write(count);
            out.write(profile, from, length);
        }
        return out.toByteArray();
    }

    /** A PNG's iCCP chunk holding {@code profile}: named "ICC profile", compressed at zlib's best. */
    static byte[] iccpChunk(byte[] profile) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        data.writeBytes("ICC profile\0\0".getBytes(StandardCharsets.US_ASCII));
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        deflater.setInput(profile);
        deflater.finish();
        byte[] buf = new byte[1 << 16];
        while (!deflater.finished()) data.write(buf, 0, deflater.deflate(buf));
        deflater.end();
        return PngChunks.chunk("iCCP", data.toByteArray());
    }
}
