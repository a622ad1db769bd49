package io.realskin.contracts;

import java.util.List;

/**
 * Value payload on generation.requests.
 *
 * @param imageKey and {@code maskKey} set together ask for a provider inpaint of the masked region
 * @param referenceImages real photographs guiding skin texture, each with its weight (0.4..0.6)
 * @param outputFormat    the format a generate job asks its provider for: {@value #JPEG} (also when null) or {@value #PNG};
 *                        a provider without the choice (Gemini) answers in its own
 * @param consent         the consent to use the reference images that the gateway saw at submit ({@code "consent": true}
 *                        in the API): true whenever {@code referenceImages} are present, null without them. A record with
 *                        references and false fails {@code bad_request} at generation-service; one without the field (a
 *                        gateway of before 2026-12-06) is worked and counted there unless
 *                        {@code realskin.generation.require-reference-consent} is set (docs/generation.md, "Reference images")
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
        Long seed,
        String outputFormat,
        Boolean consent) {
    public static final String JPEG = "jpeg";
    public static final String PNG = "png";
    /**
     * The most stored bytes a generate job's reference images may add up to (14 MiB): the gateway refuses a job over
     * it before any hold, generation-service fails one with {@code too_large} before reading any of them. Sent inline
     * as base64 they grow by a third, and Gemini's generateContent takes at most 20 MB of inline data and prompt in one
     * request (docs/generation.md, "Reference images"); 14 MiB of references is 19.6 MB of base64.
     */
    public static final long MAX_REFERENCE_BYTES = 14L * 1024 * 1024;

    /** A request in the default output format, without references' consent (a skin-inpaint, or a generate without references). */
    public GenerationRequest(String prompt, String negativePrompt, String model, List<ReferenceImage> referenceImages,
                             String imageKey, String maskKey, Integer width, Integer height, Long seed) {
        this(prompt, negativePrompt, model, referenceImages, imageKey, maskKey, width, height, seed, null, null);
    }

    /** The output format asked for, the default when none was. */
    public String outputFormatOrDefault() {
        return outputFormat == null ? JPEG : outputFormat;
    }

    public record ReferenceImage(String key, double weight) {
    }
}
