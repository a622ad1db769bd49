package io.realskin.imaging;

import java.io.ByteArrayOutputStream;
import java.util.Set;

import static io.realskin.imaging.Bytes.ascii;
import static io.realskin.imaging.Bytes.be32;

/**
 * The bytes of a PNG to hand libpng (OpenCV's decoder) for its pixels: without the chunks whose data libpng inflates
 * beside the image data, zTXt, iTXt and iCCP. libpng inflates each of them up to its 8,000,000-byte chunk limit, before
 * the image data and after it (png_read_end), up to its cache of 1,000 text chunks, and warns at most: a 2 MB PNG of
 * 300 deflated 7 MB zTXt chunks after a 64x64 image held OpenCV's decoder 42 s. No decode reads them for the pixels
 * (OpenCV ignores the text and the profile; {@link IccProfile} reads the profile from the file's own bytes, within its
 * own limit), and the file itself is kept as sent.
 */
public final class PngDecoderInput {
    private static final Set<String> INFLATED = Set.of("zTXt", "iTXt", "iCCP");

    private PngDecoderInput() {
    }

    /** The PNG without its zTXt, iTXt and iCCP chunks; {@code png} itself when it has none. */
    public static byte[] of(byte[] png) {
        if (!hasInflatedChunk(png)) return png;
        ByteArrayOutputStream out = new ByteArrayOutputStream(png.length);
        out.write(png, 0, 8);
        long pos = 8;
        while (pos + 12 <= png.length) {
            long end = pos + 12 + be32(png, (int) pos);
            if (end > png.length) break; // cut short: the rest goes as it is, for the decoder to refuse
            if (!INFLATED.contains(ascii(png, (int) pos + 4, 4))) out.write(png, (int) pos, (int) (end - pos));
            pos = end;
        }
        out.write(png, (int) pos, png.length - (int) pos);
        return out.toByteArray();
    }

    private static boolean hasInflatedChunk(byte[] png) {
        for (long pos = 8; pos + 12 <= png.length; pos += 12 + be32(png, (int) pos)) {
            if (INFLATED.contains(ascii(png, (int) pos + 4, 4))) return true;
        }
        return false;
    }
}
