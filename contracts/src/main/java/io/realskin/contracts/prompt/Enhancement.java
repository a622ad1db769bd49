package io.realskin.contracts.prompt;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** The enhanced prompt and what was done to it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "An enhanced prompt")
public record Enhancement(
        @Schema(description = "The rewritten prompt; the user's subject, pose, wardrobe, makeup and light words are kept") String prompt,
        @Schema(description = "Anti-smoothing terms for models that take a negative prompt; absent otherwise") String negativePrompt,
        List<Change> changes,
        @Schema(description = "Plastic-skin risk of the prompt as sent, 0-100", examples = "87") int riskBefore,
        @Schema(description = "Plastic-skin risk of the enhanced prompt, 0-100", examples = "0") int riskAfter,
        @Schema(description = "Intent used (given or inferred)") Intent intent,
        @Schema(description = "False when no person is in the prompt: it is then returned unchanged") boolean personDetected,
        List<String> notes,
        @Schema(description = "Version of the vocabulary that made this result", examples = "1.0.0") String vocabularyVersion) {
}
