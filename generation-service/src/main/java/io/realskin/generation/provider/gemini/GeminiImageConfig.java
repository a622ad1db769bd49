package io.realskin.generation.provider.gemini;

import java.util.List;

/**
 * Gemini's {@code imageConfig} for a wanted width x height: the nearest documented {@code aspectRatio}, and for the
 * models that take it an {@code imageSize} of 1K, 2K or 4K (about 1024, 2048, 4096 px on the long side). The model
 * decides the exact pixels; the job reads the real size from the bytes it gets back.
 */
public record GeminiImageConfig(String aspectRatio, String imageSize) {
    static final List<String> ASPECT_RATIOS = List.of("1:1", "2:3", "3:2", "3:4", "4:3", "4:5", "5:4", "9:16", "16:9", "21:9");

    public static GeminiImageConfig of(String model, int width, int height) {
        double wanted = Math.log((double) width / height);
        String best = ASPECT_RATIOS.get(0);
        double bestDistance = Double.MAX_VALUE;
        for (String ratio : ASPECT_RATIOS) {
            String[] wh = ratio.split(":");
            double distance = Math.abs(Math.log(Double.parseDouble(wh[0]) / Double.parseDouble(wh[1])) - wanted);
            if (distance < bestDistance) {
                best = ratio;
                bestDistance = distance;
            }
        }
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
