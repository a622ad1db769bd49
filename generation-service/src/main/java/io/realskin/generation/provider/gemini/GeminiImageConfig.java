package io.realskin.generation.provider.gemini;

import io.realskin.generation.provider.AspectRatios;
import java.util.List;

/**
 * Gemini's {@code imageConfig} for a wanted width x height: the nearest documented {@code aspectRatio}, and for the
 * models that take it an {@code imageSize} of 1K, 2K or 4K (about 1024, 2048, 4096 px on the long side). The model
 * decides the exact pixels; the job reads the real size from the bytes it gets back.
 */
public record GeminiImageConfig(String aspectRatio, String imageSize) {
    static final List<String> ASPECT_RATIOS = List.of("1:1", "2:3", "3:2", "3:4", "4:3", "4:5", "5:4", "9:16", "16:9", "21:9");

    public static GeminiImageConfig of(String model, int width, int height) {
        String best = AspectRatios.nearest(ASPECT_RATIOS, width, height);
        int longSide = Math.max(width, height);
        String size = longSide <= 1280 ? "1K" : longSide <= 2560 ? "2K" : "4K";
        return new GeminiImageConfig(best, takesImageSize(model) ? size : null);
    }

    /**
     * The Gemini 3 image models (gemini-3-pro-image, gemini-3.1-flash-image) take {@code imageSize}; a Gemini 2 name (which a
     * deployment may still set, realskin.providers.model-names) made about 1 MP whatever was asked and gets none.
     */
    static boolean takesImageSize(String model) {
        return !model.startsWith("gemini-2");
    }
}
