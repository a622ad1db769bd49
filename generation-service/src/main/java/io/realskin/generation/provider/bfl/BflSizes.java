package io.realskin.generation.provider.bfl;

import io.realskin.generation.provider.AspectRatios;
import java.util.List;

/**
 * How a BFL model takes the image's size, per family. FLUX.2 ({@code flux-2-*}, and any name not known here):
 * {@code width} and {@code height}, multiples of 16, at least 256 a side, at most 4 megapixels (aspect kept). FLUX.1
 * Kontext ({@code flux-kontext-*}): no {@code width} or {@code height} (its API reference has neither), an
 * {@code aspect_ratio} "between 21:9 and 9:21", about 1 MP whatever the ratio, and at most four input images
 * ({@code input_image} .. {@code input_image_4}). FLUX 1.1 [pro] ({@code flux-pro-1.1}), FLUX.1 [pro] ({@code flux-pro})
 * and FLUX.1 [dev] ({@code flux-dev}): {@code width} and {@code height}, each 256 to 1440 and a multiple of 32, and no
 * {@code input_image} (their one image field, {@code image_prompt}, is Redux's composition prompt). FLUX 1.1 [pro] Ultra
 * ({@code flux-pro-1.1-ultra}): an {@code aspect_ratio} between 21:9 and 9:21, as Kontext, no width or height, and no
 * {@code input_image} either. FLUX.1 Fill makes the input image's size: nothing is sent.
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
    /**
     * The ratios sent to FLUX 1.1 [pro] Ultra: its reference says "between 21:9 and 9:21" (default 16:9, Comfy's copy of
     * BFL's schema); the resellers' references of the model (onerouter's, Vercel AI Gateway's) list these nine. The
     * stricter reading: only these, each within the range.
     */
    static final List<String> ULTRA_RATIOS = List.of("9:21", "9:16", "2:3", "3:4", "1:1", "4:3", "3:2", "16:9", "21:9");

    /**
     * The FLUX.1 generation models sized by {@code width} and {@code height} "Required range: 256 <= x <= 1440", "Must be a
     * multiple of 32" (docs.bfl.ai/api-reference, "Generate an image with FLUX.1 [pro]", and FLUX 1.1 [pro]'s and FLUX.1
     * [dev]'s alike). Exact names: {@code flux-pro-1.0-fill} and the other {@code flux-pro-1.0-*} tools are not these.
     */
    static final java.util.Set<String> FLUX1_SIZED = java.util.Set.of("flux-pro-1.1", "flux-pro", "flux-dev");
    /** FLUX 1.1 [pro] Ultra: {@code aspect_ratio} (default 16:9), no width or height (docs.bfl.ai/api-reference). */
    static final String ULTRA = "flux-pro-1.1-ultra";
    static final int FLUX1_STEP = 32;
    static final int FLUX1_MIN_SIDE = 256;
    static final int FLUX1_MAX_SIDE = 1440;

    private BflSizes() {
    }

    /**
     * FLUX.1 Kontext and FLUX 1.1 [pro] Ultra: the size goes as {@code aspect_ratio} ({@link #aspectRatio}), never as width
     * and height, which their API references do not define.
     */
    static boolean takesAspectRatio(String model) {
        return model.startsWith("flux-kontext") || model.equals(ULTRA);
    }

    /** FLUX 1.1 [pro], FLUX.1 [pro] and [dev]: {@code width} and {@code height} by {@link #flux1Size}. */
    static boolean takesFlux1Sides(String model) {
        return FLUX1_SIZED.contains(model);
    }

    /**
     * The most input images the model takes beside the prompt: FLUX.2 [klein]'s API reference ("like Pro but max 4
     * images": {@code input_image} .. {@code input_image_4}) and Kontext's four; FLUX.2 [pro], [flex], [max] eight;
     * FLUX 1.1 [pro], its Ultra mode, FLUX.1 [pro] and [dev] none (no {@code input_image} in their references: their
     * {@code image_prompt} guides the composition, which a skin texture reference must not).
     */
    static int maxInputImages(String model) {
        if (takesFlux1Sides(model) || model.equals(ULTRA)) {
            return 0;
        }
        return takesAspectRatio(model) || model.startsWith("flux-2-klein") ? KONTEXT_MAX_IMAGES : FLUX2_MAX_IMAGES;
    }

    /**
     * FLUX 1.1 [pro]'s, FLUX.1 [pro]'s and [dev]'s width and height for a wanted width x height: aspect kept, the longer
     * side at most 1440, each side the nearest multiple of 32 within 256 to 1440 (a very long image gets its short side
     * raised to 256, the nearest it can be).
     */
    static int[] flux1Size(int width, int height) {
        double scale = Math.min(1, (double) FLUX1_MAX_SIDE / Math.max(width, height));
        return new int[] {flux1Side(width * scale), flux1Side(height * scale)};
    }

    private static int flux1Side(double side) {
        int stepped = (int) Math.round(side / FLUX1_STEP) * FLUX1_STEP;
        return Math.max(FLUX1_MIN_SIDE, Math.min(FLUX1_MAX_SIDE, stepped));
    }

    /**
     * Kontext's and Ultra's {@code aspect_ratio} for a wanted width x height: the nearest of {@link #KONTEXT_RATIOS}, or for
     * Ultra of {@link #ULTRA_RATIOS}.
     */
    static String aspectRatio(String model, int width, int height) {
        return AspectRatios.nearest(model.equals(ULTRA) ? ULTRA_RATIOS : KONTEXT_RATIOS, width, height);
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
