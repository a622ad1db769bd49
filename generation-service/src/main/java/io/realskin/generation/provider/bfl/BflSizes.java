package io.realskin.generation.provider.bfl;

import io.realskin.generation.provider.AspectRatios;
import java.util.List;

/**
 * How a BFL model takes the image's size, per family. FLUX.2 ({@code flux-2-*}, and any name not known here):
 * {@code width} and {@code height}, multiples of 16, at least 256 a side, at most 4 megapixels (aspect kept). FLUX.1
 * Kontext ({@code flux-kontext-*}): no {@code width} or {@code height} (its API reference has neither), an
 * {@code aspect_ratio} "between 21:9 and 9:21", about 1 MP whatever the ratio, and at most four input images
 * ({@code input_image} .. {@code input_image_4}). FLUX.1 Fill makes the input image's size: nothing is sent.
 */
public final class BflSizes {
    /**
     * BFL's reference says "4MP total" without saying which megapixel; its own client refuses more than 4,000,000
     * pixels, so a size is kept under that (valid under either reading of 4 MP).
     */
    static final long MAX_PIXELS = 4_000_000;
    private static final int STEP = 16;
    /**
     * FLUX.2's API reference takes {@code width} and {@code height} from 64 ("Required range: x >= 64"); BFL's help
     * centre says "Minimum 256 × 256 pixels" (help.bfl.ai, "Aspect Ratios and Output Dimensions", April 2026). The
     * stricter reading: at least 256 a side, valid under both.
     */
    static final int MIN_SIDE = 256;
    /**
     * FLUX.1 Kontext's input images ({@code input_image} and the "Experimental Multiref" {@code input_image_2..4}), and
     * FLUX.2 [klein]'s.
     */
    static final int KONTEXT_MAX_IMAGES = 4;
    /** FLUX.2's: {@code input_image} .. {@code input_image_8}. */
    static final int FLUX2_MAX_IMAGES = 8;
    /**
     * The ratios sent to Kontext, all within its documented range (21:9 to 9:21; its guide: "Supports ratios from 3:7 to
     * 7:3", the same bounds), the nearest to the wanted one taken.
     */
    static final List<String> KONTEXT_RATIOS = List.of("9:21", "1:2", "9:16", "2:3", "3:4", "4:5", "1:1", "5:4", "4:3", "3:2",
            "16:9", "2:1", "21:9");

    private BflSizes() {
    }

    /** FLUX.1 Kontext: the size goes as {@code aspect_ratio} ({@link #aspectRatio}), never as width and height. */
    static boolean takesAspectRatio(String model) {
        return model.startsWith("flux-kontext");
    }

    /**
     * The most input images the model takes beside the prompt: FLUX.2 [klein]'s API reference ("like Pro but max 4
     * images": {@code input_image} .. {@code input_image_4}) and Kontext's four; FLUX.2 [pro], [flex], [max] eight.
     */
    static int maxInputImages(String model) {
        return takesAspectRatio(model) || model.startsWith("flux-2-klein") ? KONTEXT_MAX_IMAGES : FLUX2_MAX_IMAGES;
    }

    /** Kontext's {@code aspect_ratio} for a wanted width x height: the nearest of {@link #KONTEXT_RATIOS}. */
    static String aspectRatio(int width, int height) {
        return AspectRatios.nearest(KONTEXT_RATIOS, width, height);
    }

    /** FLUX.2's width and height for a wanted width x height. */
    public static int[] size(int width, int height) {
        double scale = Math.min(1, Math.sqrt((double) MAX_PIXELS / ((long) width * height)));
        int w = Math.max(MIN_SIDE, (int) Math.floor(width * scale / STEP) * STEP);
        int h = Math.max(MIN_SIDE, (int) Math.floor(height * scale / STEP) * STEP);
        // a side raised to the minimum can take a very long image past the limit: the long side gives way
        if ((long) w * h > MAX_PIXELS) {
            if (w >= h) w = (int) (MAX_PIXELS / h / STEP * STEP);
            else h = (int) (MAX_PIXELS / w / STEP * STEP);
        }
        return new int[] {w, h};
    }
}
