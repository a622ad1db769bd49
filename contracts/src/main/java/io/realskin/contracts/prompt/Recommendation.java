package io.realskin.contracts.prompt;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** The model to use for a phase, needs and plan, and why. */
@Schema(description = "A model recommendation")
public record Recommendation(
        Phase phase,
        Plan plan,
        List<Need> needs,
        ImageModel model,
        @Schema(examples = "Best skin realism (rank 1) among the models your plan includes.") String why,
        @Schema(description = "Other eligible models, best next choice first") List<Alternative> alternatives,
        List<String> notes) {

    /** Another eligible model and its trade-off. */
    public record Alternative(String id, String displayName, String reason) {
    }
}
