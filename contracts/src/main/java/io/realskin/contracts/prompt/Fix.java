package io.realskin.contracts.prompt;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One fix of the advice, in the order to try. */
@Schema(description = "A fix, with the API call that performs it")
public record Fix(
        @Schema(description = "1 = try first", examples = "1") int order,
        @Schema(description = "model-choice, prompt-texture, texture-restore, local-texture-restore, skin-inpaint, "
                + "reference-texture, reference-cleanup or verify", examples = "texture-restore") String id,
        @Schema(examples = "Restore skin texture at 40 %") String title,
        String why,
        ApiCall apiCall) {
}
