package io.realskin.contracts.prompt;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Texture, anti-smoothing or photographic language the prompt lacks. */
@Schema(description = "Language the prompt lacks and the enhancer would add")
public record MissingLanguage(
        @Schema(examples = "pores") String id,
        @Schema(description = "photographic, texture, anti-smoothing or anchor", examples = "texture") String group,
        @Schema(examples = "natural pores") String suggestion,
        @Schema(examples = "10") int weight,
        String why) {
}
