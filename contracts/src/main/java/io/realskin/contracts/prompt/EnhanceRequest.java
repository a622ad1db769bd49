package io.realskin.contracts.prompt;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of POST /prompts/enhance. */
@Schema(description = "A prompt to enhance", additionalProperties = Schema.False.class)
public record EnhanceRequest(
        @Schema(required = true, maxLength = 4000, examples = "Portrait of a 35-year-old woman, warm light, professional headshot.")
        String prompt,
        @Schema(description = "Target model id from GET /models; decides whether a negativePrompt is returned", examples = "gpt-image-2")
        String model,
        @Schema(description = "Inferred from the prompt when absent",
                enumeration = {"headshot", "editorial", "fashion", "candid", "product"})
        String intent) {
}
