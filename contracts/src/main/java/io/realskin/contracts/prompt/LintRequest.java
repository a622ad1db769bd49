package io.realskin.contracts.prompt;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of POST /prompts/lint. */
@Schema(description = "A prompt to lint", additionalProperties = Schema.False.class)
public record LintRequest(
        @Schema(required = true, maxLength = 4000, examples = "A stunning portrait of a woman with flawless smooth skin, 8k")
        String prompt,
        @Schema(description = "Inferred from the prompt when absent; changes only the wording of suggestions",
                enumeration = {"headshot", "editorial", "fashion", "candid", "product"})
        String intent) {
}
