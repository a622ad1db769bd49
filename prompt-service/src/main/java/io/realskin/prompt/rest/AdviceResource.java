package io.realskin.prompt.rest;

import io.realskin.contracts.prompt.AdviceRequest;
import io.realskin.contracts.prompt.PromptExamples;
import io.realskin.contracts.prompt.Advice;
import io.realskin.contracts.prompt.FacesAffected;
import io.realskin.contracts.prompt.Plan;
import io.realskin.prompt.domain.PromptProblems;
import io.realskin.contracts.prompt.SourceQuality;
import io.realskin.contracts.prompt.Stage;
import io.realskin.prompt.domain.WireValues;
import io.realskin.prompt.service.FixAdvisor;
import io.realskin.support.problem.Problem;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.Consumes;
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

/** The plastic-skin fix advisor. */
@Path("/advice")
@Tag(name = "advice")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@NonBlocking
public class AdviceResource {

    private final FixAdvisor advisor;

    public AdviceResource(FixAdvisor advisor) {
        this.advisor = advisor;
    }

    @POST
    @Operation(summary = "Which fixes to apply, in order",
            description = "generating: model choice plus texture prompt. have-image: texture restore for all faces, a masked "
                    + "restore then a masked inpaint for some faces. pipeline: a real photograph as skin-texture reference "
                    + "(cleaned first when damaged or low-res). Each fix names the public /v1 call that performs it; the "
                    + "list ends with a plastic-skin check. Stop at the first fix that passes.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = AdviceRequest.class),
            examples = {
                    @ExampleObject(name = "one face of a group", value = PromptExamples.ADVICE_HAVE_IMAGE),
                    @ExampleObject(name = "pipeline with a low-res reference", value = PromptExamples.ADVICE_PIPELINE)}))
    @APIResponse(responseCode = "200", description = "The fixes, cheapest first",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Advice.class),
                    examples = @ExampleObject(name = "have-image, all faces", value = PromptExamples.ADVICE_RESPONSE)))
    @APIResponse(responseCode = "400", description = "Missing or unknown stage, facesAffected, sourceQuality or plan",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = {
                            @ExampleObject(name = "unknown-value", value = PromptExamples.PROBLEM_UNKNOWN_STAGE),
                            @ExampleObject(name = "missing-field", value = PromptExamples.PROBLEM_MISSING)}))
    public Advice advise(AdviceRequest request) {
        if (request == null || request.stage() == null || request.stage().isBlank()) {
            throw PromptProblems.missingField("stage");
        }
        return advisor.advise(
                WireValues.parse(Stage.class, "stage", request.stage()),
                WireValues.parse(FacesAffected.class, "facesAffected", request.facesAffected()),
                WireValues.parse(SourceQuality.class, "sourceQuality", request.sourceQuality()),
                WireValues.parse(Plan.class, "plan", request.plan()));
    }
}
