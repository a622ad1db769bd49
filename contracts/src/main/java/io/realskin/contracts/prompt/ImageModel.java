package io.realskin.contracts.prompt;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One image model of the catalogue, with whether this deployment can call it. */
@Schema(description = "An image model, ranked for skin realism, cost and speed.")
public record ImageModel(
        @Schema(description = "Stable model id used in jobs", examples = "nano-banana-pro") String id,
        @Schema(description = "Provider that serves it", examples = "google") String provider,
        @Schema(description = "The provider's own model name, as this deployment sends it", examples = "gemini-3-pro-image") String providerModel,
        @Schema(examples = "Nano Banana Pro (Gemini 3 Pro Image)") String displayName,
        @Schema(description = "1 = most photographic skin; unique", examples = "1") int skinRealismRank,
        @Schema(description = "Cost per output image relative to a standard model (1.0)", examples = "2.5") double relativeCost,
        @Schema(description = "Typical seconds for a 1 MP image", examples = "12") int typicalLatencySeconds,
        @Schema(description = "Reference images one job of it may send (its own limit, at most the API's 14); 0 = none", examples = "14") int maxReferenceImages,
        @Schema(description = "Can make an image from a prompt (generate jobs)") boolean generates,
        @Schema(description = "Can rework a masked region (skin-inpaint jobs)") boolean inpainting,
        @Schema(description = "Receives the enhancer's negativePrompt") boolean takesNegativePrompt,
        @Schema(description = "Lowest plan that may use it", examples = "pro") Plan planRequired,
        @Schema(description = "Listed, never recommended: it smooths skin") boolean avoidForPhotorealSkin,
        @Schema(description = "Its provider is configured on this deployment") boolean available,
        String notes) {

    public ImageModel withAvailable(boolean isAvailable) {
        return new ImageModel(id, provider, providerModel, displayName, skinRealismRank, relativeCost,
                typicalLatencySeconds, maxReferenceImages, generates, inpainting, takesNegativePrompt, planRequired,
                avoidForPhotorealSkin, isAvailable, notes);
    }

    /** The same model with the provider model name this deployment sends ({@code realskin.providers.model-names}). */
    public ImageModel withProviderModel(String name) {
        return new ImageModel(id, provider, name, displayName, skinRealismRank, relativeCost,
                typicalLatencySeconds, maxReferenceImages, generates, inpainting, takesNegativePrompt, planRequired,
                avoidForPhotorealSkin, available, notes);
    }

    public boolean has(Need need) {
        return switch (need) {
            case REFERENCE -> maxReferenceImages > 0;
            case INPAINT -> inpainting;
        };
    }
}
