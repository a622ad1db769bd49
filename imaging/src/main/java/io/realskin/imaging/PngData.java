package io.realskin.imaging;

import java.util.zip.CRC32;

import static io.realskin.imaging.Bytes.ascii;
import static io.realskin.imaging.Bytes.be32;

/**
 * Proof that libpng 1.6.37, as OpenCV 4.9's PNG decoder drives it (png_read_info, png_read_image, png_read_end over
 * the bytes in memory), decodes a PNG in full, without decoding its pixels: every rule with which it stops a decode
 * is checked, and a PNG that passes them all leaves it nothing to refuse.
 *
 * <ul>
 * <li>The signature; every chunk up to IEND inside the bytes, its length at most 2^31-1 and within libpng's limit
 * (8,000,000 bytes, an IDAT chunk up to the image's raw size with zlib's overhead: png_check_chunk_length), its type
 * four ASCII letters; the CRC of every critical chunk (IHDR, PLTE, IDAT, IEND).</li>
 * <li>IHDR first and once, 13 bytes, sides 1 to 1,000,000 (OpenCV's libpng build), a bit depth its colour type
 * allows, compression 0, filter method 0, interlace 0 or 1.</li>
 * <li>PLTE at most once; before the first IDAT for a palette image, whose PLTE must hold 1-256 colours (a length
 * that is a multiple of 3, at most 768); never empty. No unknown critical chunk.</li>
 * <li>The image data ({@link PngImageData}): the zlib header, deflate data that inflates without error to the bytes
 * the header announces (per Adam7 pass when interlaced: rows × (1 + row bytes) of each non-empty pass) within
 * the consecutive IDAT chunks, every row's filter type 0-4; then the end of the stream and its Adler-32.</li>
 * </ul>
 *
 * <p>Ancillary chunks are skipped, their CRC unchecked: libpng only warns about a wrong CRC there (and drops the
 * chunk), and about any content it does not accept ("benign errors", warnings in a read). What libpng does not refuse
 * outright but the PNG rules do not allow either comes back as not proven ({@link Verdict#unproven()}): more data than
 * the image needs, a zlib stream that does not end or fails after the last row (or a wrong Adler-32: whether libpng
 * reads it before or after the last row depends on how its reads fall), IDAT chunks after other chunks, a non-empty
 * IEND, PLTE where it does not belong or with more colours than the bit depth reaches, a zlib window smaller than the
 * image data (libpng's zlib keeps the declared window, {@link java.util.zip.Inflater} 32 KB): the caller decodes to
 * know. Callers check {@link ImageLimits} first: the work is bounded by the size the header announces.
 */
public final class PngData {
    /** libpng's PNG_USER_CHUNK_MALLOC_MAX as OpenCV builds it: a longer chunk is "chunk data is too large". */
    static final long MAX_CHUNK = 8_000_000;
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final int IHDR = 0x49484452;
    private static final int PLTE = 0x504C5445;
    private static final int IDAT = 0x49444154;
    private static final int IEND = 0x49454E44;

    private PngData() {
    }

    /** What {@link #verify} found: proven, or the departure from the PNG rules that libpng may still decode. */
    public record Verdict(String unproven) {
        static final Verdict PROVEN = new Verdict(null);

        public boolean proven() {
            return unproven == null;
        }
    }

    /**
     * @throws ImageRejectedException bad_image for anything with which libpng stops the decode: not a PNG, a chunk
     *                                cut short, a critical chunk's CRC, the IHDR, the PLTE, the image data
     */
    public static Verdict verify(byte[] b) {
        if (b == null || b.length < SIGNATURE.length || !java.util.Arrays.equals(b, 0, 8, SIGNATURE, 0, 8)) {
            throw ImageRejectedException.badImage("not a PNG: the signature is wrong");
        }
        PngHeader header = null;
        PngImageData data = null;
        boolean palette = false;
        boolean afterData = false;
        String unproven = null;
        CRC32 crc = new CRC32();
        try {
            for (int pos = 8; ; ) {
                if (pos + 8 > b.length) {
                    throw corrupt("the data ends before IEND");
                }
                long length = be32(b, pos);
                int type = (int) be32(b, pos + 4);
                String name = ascii(b, pos + 4, 4);
                if (length > Integer.MAX_VALUE || !letters(b, pos + 4)) {
                    throw corrupt("chunk at byte " + pos + " has length " + length + " and type '" + name + "'");
                }
                long limit = type == IDAT && header != null ? header.idatLimit() : MAX_CHUNK;
                if (length > limit) {
                    throw chunkTooLarge(name, length, limit);
                }
                int body = pos + 8;
                if (body + length + 4 > b.length) {
                    throw corrupt("the data ends inside its " + name + " chunk");
                }
                boolean critical = (b[pos + 4] & 0x20) == 0;
                if (critical) {
                    crc.reset();
                    crc.update(b, pos + 4, 4 + (int) length);
                    if (crc.getValue() != be32(b, body + (int) length)) {
                        throw corrupt(name + " chunk at byte " + pos + " fails its CRC");
                    }
                }
                if (header == null && type != IHDR) {
                    throw corrupt("the first chunk is " + name + ", not IHDR");
                }
                if (data != null && !afterData && type != IDAT) {
                    data.end();
                    afterData = true;
                }
                switch (type) {
                    case IHDR -> {
                        if (header != null) {
                            throw corrupt("a second IHDR chunk");
                        }
                        header = PngHeader.read(b, body, length);
                    }
                    case PLTE -> {
                        if (palette) {
                            throw corrupt("a second PLTE chunk");
                        }
                        palette = data == null;
                        unproven = first(unproven, data == null ? palette(header, length) : "PLTE after IDAT");
                    }
                    case IDAT -> {
                        if (data == null) {
                            if (header.palette() && !palette) {
                                throw corrupt("a palette image without PLTE before its IDAT");
                            }
                            data = new PngImageData(header);
                        }
                        if (afterData) {
                            unproven = first(unproven, "IDAT chunks after another chunk");
                        } else {
                            data.feed(b, body, (int) length);
                        }
                    }
                    case IEND -> {
                        if (data == null) {
                            throw corrupt("IEND before any IDAT chunk");
                        }
                        unproven = first(first(unproven, data.unproven()), length == 0 ? null : "IEND is not empty");
                        return unproven == null ? Verdict.PROVEN : new Verdict(unproven);
                    }
                    default -> {
                        if (critical) {
                            throw corrupt("unknown critical chunk " + name);
                        }
                    }
                }
                pos = body + (int) length + 4;
            }
        } finally {
            if (data != null) {
                data.close();
            }
        }
    }

    /** A PLTE before the image data: what libpng refuses is thrown, what it only warns about returned. */
    private static String palette(PngHeader header, long length) {
        if ((header.colourType() & 2) == 0) {
            return "PLTE in a gray image";
        }
        if (length == 0 || length > 768 || length % 3 != 0) {
            if (header.palette() || length == 0) {
                throw corrupt("PLTE of " + length + " bytes (1 to 256 colours of 3 bytes expected)");
            }
            return "PLTE of " + length + " bytes";
        }
        if (header.palette() && length / 3 > 1 << header.bitDepth()) {
            return "PLTE of " + length / 3 + " colours for " + header.bitDepth() + "-bit indices";
        }
        return null;
    }

    private static String first(String found, String next) {
        return found != null ? found : next;
    }

    /** libpng's "chunk data is too large": {@code limit} is {@link #MAX_CHUNK}, or an IDAT's {@link PngHeader#idatLimit}. */
    static ImageRejectedException chunkTooLarge(String chunk, long length, long limit) {
        return corrupt(chunk + " chunk of " + length + " bytes, over libpng's limit of " + limit);
    }

    static ImageRejectedException corrupt(String what) {
        return ImageRejectedException.badImage("corrupt PNG: " + what);
    }

    private static boolean letters(byte[] b, int at) {
        for (int i = at; i < at + 4; i++) {
            int c = b[i] & 0xDF; // upper case
            if (c < 'A' || c > 'Z') {
                return false;
            }
        }
        return true;
    }
}
