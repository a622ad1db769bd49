package io.realskin.contracts.prompt;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One edit the enhancer made. {@code from} is null for an addition, {@code to} null for a removal. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "One edit made by the enhancer")
public record Change(
        ChangeKind kind,
        @Schema(description = "Vocabulary rule or addition id", examples = "abstract-praise") String rule,
        @Schema(description = "Text taken out (absent for additions)", examples = "stunning") String from,
        @Schema(description = "Text put in (absent for removals)", examples = "natural pores") String to,
        String why) {
}
