package io.realskin.imaging;

import java.util.ArrayList;
import java.util.List;

import static io.realskin.imaging.Bytes.ascii;
import static io.realskin.imaging.Bytes.be16;
import static io.realskin.imaging.Bytes.be32;

/**
 * Image formats people send that the engine does not read, named from their first bytes, so that a refusal says what
 * was sent: GIF, AVIF and HEIC/HEIF (ISO BMFF, ISO/IEC 23008-12: the ftyp box's brands), JPEG XL and JPEG 2000 (their
 * codestream or box signatures).
 */
public final class OtherFormats {
    private OtherFormats() {
    }

    /** The format's name, or null when the bytes start like none of these. */
    public static String name(byte[] b) {
        if (b == null || b.length < 4) return null;
        if (ascii(b, 0, 6).equals("GIF87a") || ascii(b, 0, 6).equals("GIF89a")) return "GIF";
        if (be16(b, 0) == 0xFF0A) return "JPEG XL";
        if (be32(b, 0) == 0xFF4FFF51L) return "JPEG 2000";
        if (ascii(b, 4, 4).equals("JXL ")) return "JPEG XL";
        if (ascii(b, 4, 4).equals("jP  ")) return "JPEG 2000";
        if (ascii(b, 4, 4).equals("ftyp")) return isoBmff(b);
        return null;
    }

    /** An ISO BMFF file by its ftyp brands (major, then compatible): AVIF, HEIC or HEIF; null for a video. */
    private static String isoBmff(byte[] b) {
        long size = be32(b, 0);
        int end = (int) Math.min(Math.max(size, 12), b.length);
        List<String> brands = new ArrayList<>();
        brands.add(ascii(b, 8, 4));
        for (int at = 16; at + 4 <= end; at += 4) brands.add(ascii(b, at, 4));
        if (brands.contains("avif") || brands.contains("avis")) return "AVIF";
        for (String heic : List.of("heic", "heix", "heim", "heis", "hevc", "hevx")) {
            if (brands.contains(heic)) return "HEIC";
        }
        if (brands.contains("mif1") || brands.contains("msf1")) return "HEIF";
        return null;
    }
}
