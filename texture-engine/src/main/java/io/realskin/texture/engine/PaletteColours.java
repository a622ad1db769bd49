package io.realskin.texture.engine;

import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Whether a face's pixels were reduced to a palette: a colour region of at most {@value #PALETTE_SIZE} distinct colours,
 * as a GIF, an indexed ("PNG8") file or a web optimiser's quantised PNG keeps them. Such a file's dithering (or its
 * banding without dithering) stands where the skin's fine texture was, so the fine band measures the quantiser, not the
 * camera or the generator: a plastic render dithered to 256 colours reads as textured skin.
 * A gray region is not a palette (8-bit gray has 256 levels by nature), nor a toned one (sepia, a duotone: every colour
 * one level of a single tone curve, so 256 at most by nature too), nor one too small for the count to tell.
 */
final class PaletteColours {
    /** The most colours a palette (GIF, PNG colour type 3) can hold. */
    static final int PALETTE_SIZE = 256;
    /** Fewer pixels than this could show few colours by chance. */
    static final int MIN_PIXELS = 16 * PALETTE_SIZE;

    private PaletteColours() {
    }

    /** @param bgr8 8-bit, 3 channels; stops reading at the 257th colour, so a photograph costs a few rows at most */
    static boolean reduced(Mat bgr8, Rect roi) {
        if (bgr8.type() != CvType.CV_8UC3 || (long) roi.width * roi.height < MIN_PIXELS) return false;
        ColourSet seen = new ColourSet();
        boolean colour = false;
        byte[] row = new byte[roi.width * 3];
        for (int y = roi.y; y < roi.y + roi.height; y++) {
            bgr8.get(y, roi.x, row);
            for (int i = 0; i < row.length; i += 3) {
                int b = row[i] & 0xff, g = row[i + 1] & 0xff, r = row[i + 2] & 0xff;
                colour |= b != g || g != r;
                if (seen.add(b << 16 | g << 8 | r) && seen.size() > PALETTE_SIZE) return false;
            }
        }
        return colour && !oneToneCurve(seen.colours());
    }

    /** Whether the colours, in order of luminance, only rise or only fall in each channel: a gray image toned by a curve. */
    static boolean oneToneCurve(int[] rgb) {
        Integer[] order = new Integer[rgb.length];
        for (int i = 0; i < rgb.length; i++) order[i] = rgb[i];
        Arrays.sort(order, Comparator.comparingDouble(PaletteColours::luminance).thenComparingInt(c -> c));
        for (int shift = 0; shift <= 16; shift += 8) {
            int rises = 0, falls = 0;
            for (int i = 1; i < order.length; i++) {
                int d = (order[i] >> shift & 0xff) - (order[i - 1] >> shift & 0xff);
                if (d > 0) rises++;
                if (d < 0) falls++;
            }
            if (rises > 0 && falls > 0) return false;
        }
        return true;
    }

    private static double luminance(int bgr) {
        return 0.114 * (bgr >> 16 & 0xff) + 0.587 * (bgr >> 8 & 0xff) + 0.299 * (bgr & 0xff);
    }

    /** An open-addressing set of 24-bit colours, large enough for one more than a palette. */
    private static final class ColourSet {
        private final int[] slots = new int[4 * PALETTE_SIZE];
        private int size;

        ColourSet() {
            Arrays.fill(slots, -1);
        }

        /** @return whether the colour is new */
        boolean add(int rgb) {
            int mask = slots.length - 1;
            for (int i = (rgb * 0x9E3779B1) >>> 22 & mask; ; i = (i + 1) & mask) {
                if (slots[i] == rgb) return false;
                if (slots[i] == -1) {
                    slots[i] = rgb;
                    size++;
                    return true;
                }
            }
        }

        int size() {
            return size;
        }

        int[] colours() {
            return Arrays.stream(slots).filter(c -> c != -1).toArray();
        }
    }
}
