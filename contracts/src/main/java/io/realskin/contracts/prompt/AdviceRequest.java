package io.realskin.contracts.prompt;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of POST /advice. */
@Schema(description = "The situation to advise on", additionalProperties = Schema.False.class)
public record AdviceRequest(
        @Schema(required = true, enumeration = {"generating", "have-image", "pipeline"}, examples = "have-image") String stage,
        @Schema(description = "Faces with plastic skin; all when absent", enumeration = {"all", "some"}, examples = "some")
        String facesAffected,
        @Schema(description = "Quality of the image or reference photograph", enumeration = {"damaged", "low-res", "good"})
        String sourceQuality,
        @Schema(description = "The tenant's plan, to name models it includes; any plan when absent",
                enumeration = {"free", "pro", "ultimate", "creator"}) String plan) {
}
