package io.realskin.prompt.rest;

import io.realskin.contracts.prompt.RecommendRequest;
import io.realskin.contracts.prompt.PromptExamples;
import io.realskin.contracts.prompt.ModelCatalogue;
import io.realskin.contracts.prompt.Need;
import io.realskin.contracts.prompt.Phase;
import io.realskin.contracts.prompt.Plan;
import io.realskin.prompt.domain.PromptProblems;
import io.realskin.contracts.prompt.Recommendation;
import io.realskin.prompt.domain.WireValues;
import io.realskin.prompt.service.ModelCatalog;
import io.realskin.prompt.service.ModelRecommender;
import io.realskin.support.problem.Problem;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** The image-model catalogue and recommendations. */
@Path("/models")
@Tag(name = "models")
@Produces(MediaType.APPLICATION_JSON)
@NonBlocking
public class ModelResource {

    private final ModelCatalog catalog;
    private final ModelRecommender recommender;

    public ModelResource(ModelCatalog catalog, ModelRecommender recommender) {
        this.catalog = catalog;
        this.recommender = recommender;
    }

    @GET
    @Operation(summary = "List image models, best skin first",
            description = "Provider, skin-realism rank (1 = best), relative cost, typical latency, maximum reference images, "
                    + "inpainting support, the plan required, and `available` (its provider is configured here). Models "
                    + "flagged avoidForPhotorealSkin are listed but never recommended.")
    @APIResponse(responseCode = "200", description = "The catalogue",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ModelCatalogue.class),
                    examples = @ExampleObject(name = "catalogue", value = PromptExamples.MODELS_RESPONSE)))
    public ModelCatalogue models() {
        return catalog.catalogue();
    }

    @POST
    @Path("/recommend")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Recommend a model for a phase, needs and plan",
            description = "Ideation: the cheapest eligible model. Final: the best skin realism. Always within the plan and "
                    + "with every capability in `needs`; models with a configured provider are preferred.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RecommendRequest.class),
            examples = {
                    @ExampleObject(name = "final render", value = PromptExamples.RECOMMEND_FINAL),
                    @ExampleObject(name = "free ideation with a reference", value = PromptExamples.RECOMMEND_IDEATION)}))
    @APIResponse(responseCode = "200", description = "The recommended model and why",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Recommendation.class),
                    examples = @ExampleObject(name = "final render", value = PromptExamples.RECOMMEND_RESPONSE)))
    @APIResponse(responseCode = "400", description = "Missing or unknown phase, need or plan; malformed body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unknown-value", value = PromptExamples.PROBLEM_UNKNOWN_PHASE)))
    @APIResponse(responseCode = "422", description = "No model meets the needs on this plan",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "no-matching-model", value = PromptExamples.PROBLEM_NO_MODEL)))
    public Recommendation recommend(RecommendRequest request) {
        if (request == null || request.phase() == null || request.phase().isBlank()) {
            throw PromptProblems.missingField("phase");
        }
        Phase phase = WireValues.parse(Phase.class, "phase", request.phase());
        Plan plan = WireValues.parse(Plan.class, "plan", request.plan());
        Set<Need> needs = EnumSet.noneOf(Need.class);
        for (String need : request.needs() == null ? List.<String>of() : request.needs()) {
            Need parsed = WireValues.parse(Need.class, "needs", need);
            if (parsed == null) {
                throw PromptProblems.unknownValue("needs", String.valueOf(need), WireValues.names(Need.class));
            }
            needs.add(parsed);
        }
        return recommender.recommend(phase, needs, plan == null ? Plan.FREE : plan);
    }
}
