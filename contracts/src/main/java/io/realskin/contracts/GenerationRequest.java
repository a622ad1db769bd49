package io.realskin.contracts;

import java.util.List;

/**
 * Value payload on generation.requests.
 *
 * @param imageKey and {@code maskKey} set together ask for a provider inpaint of the masked region
 * @param referenceImages real photographs guiding skin texture, each with its weight (0.4..0.6)
 */
public record GenerationRequest(
        String prompt,
        String negativePrompt,
        String model,
        List<ReferenceImage> referenceImages,
        String imageKey,
        String maskKey,
        Integer width,
        Integer height,
        Long seed) {

    public record ReferenceImage(String key, double weight) {
    }
}
