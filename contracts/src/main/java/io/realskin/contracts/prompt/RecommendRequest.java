package io.realskin.contracts.prompt;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** Body of POST /models/recommend. */
@Schema(description = "What the model is for", additionalProperties = Schema.False.class)
public record RecommendRequest(
        @Schema(required = true, enumeration = {"ideation", "final"}, examples = "final") String phase,
        @Schema(description = "Capabilities the model must have", type = SchemaType.ARRAY, implementation = Need.class,
                examples = "[\"reference\"]") List<String> needs,
        @Schema(description = "The tenant's plan; free when absent", enumeration = {"free", "pro", "ultimate", "creator"},
                examples = "pro") String plan) {
}
