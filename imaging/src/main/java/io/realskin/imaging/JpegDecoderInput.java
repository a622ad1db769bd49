package io.realskin.imaging;

import io.realskin.imaging.jpeg.JpegSegments;

import java.util.ArrayList;
import java.util.List;

/**
 * The bytes of a JPEG to hand libjpeg (OpenCV's decoder) for its pixels: without the metadata no decoder reads for
 * them. Kept are the first APP0 (JFIF), the first APP1 (OpenCV reads the orientation from the first APP1 when its
 * flags apply it, as {@link ImageProbe} does) and the first APP14 (Adobe's colour transform); every other APPn segment
 * and every comment goes: ICC profiles ({@link IccProfile} reads the profile from the file's own bytes), XMP, C2PA,
 * vendors' segments. A file can be 30 MiB of such segments around a small image, and every decode copies its input
 * into native memory (and libjpeg keeps the APP1 segments it is asked to save). The stripped copy is made only when
 * what goes is more than what stays, since a copy of the rest costs more than it saves otherwise; the file itself is
 * kept as sent.
 */
public final class JpegDecoderInput {
    private JpegDecoderInput() {
    }

    /** The JPEG without the segments above, or {@code jpeg} itself when they are no more than the rest (or it cannot be walked). */
    public static byte[] of(byte[] jpeg) {
        List<int[]> dropped = new ArrayList<>();
        boolean[] seen = new boolean[16];
        long[] droppedBytes = {0};
        try {
            JpegSegments.walk(jpeg, (marker, body, end) -> {
                if (marker == 0xDA) return JpegSegments.STOP;
                boolean app = marker >= 0xE0 && marker <= 0xEF;
                if (!app && marker != 0xFE) return end;
                int n = marker & 0x0F;
                boolean steers = app && (n == 0x0 || n == 0x1 || n == 0xE) && !seen[n];
                if (app) seen[n] = true;
                if (!steers) {
                    dropped.add(new int[] {body - 4, end});
                    droppedBytes[0] += end - (body - 4);
                }
                return end;
            });
        } catch (JpegSegments.Cut e) {
            return jpeg; // the decoder meets what the probe let through, as sent
        }
        if (droppedBytes[0] <= jpeg.length - droppedBytes[0]) return jpeg;
        byte[] out = new byte[(int) (jpeg.length - droppedBytes[0])];
        int from = 0;
        int at = 0;
        for (int[] range : dropped) {
            System.arraycopy(jpeg, from, out, at, range[0] - from);
            at += range[0] - from;
            from = range[1];
        }
        System.arraycopy(jpeg, from, out, at, jpeg.length - from);
        return out;
    }
}
