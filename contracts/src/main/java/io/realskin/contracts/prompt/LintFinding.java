package io.realskin.contracts.prompt;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A word or phrase of the prompt that pushes toward plastic skin. {@code start} and {@code end} are
 * UTF-16 indices (JavaScript string indices) into the prompt as sent: {@code prompt.substring(start, end) == text}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "A risky word or phrase, located in the prompt")
public record LintFinding(
        @Schema(examples = "abstract-praise") String rule,
        @Schema(description = "abstract-quality, smoothing, render-vocabulary, resolution-token or cinematic-without-control",
                examples = "abstract-quality") String category,
        @Schema(description = "First index (inclusive, UTF-16)", examples = "2") int start,
        @Schema(description = "Last index (exclusive, UTF-16)", examples = "10") int end,
        @Schema(description = "The matched text, equal to prompt[start,end)", examples = "stunning") String text,
        @Schema(description = "Risk points this finding adds", examples = "8") int weight,
        String message,
        @Schema(description = "What the enhancer puts instead; absent when it removes the words") String suggestion) {
}
