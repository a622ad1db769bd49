package io.realskin.gateway.backends;

import io.realskin.contracts.prompt.Advice;
import io.realskin.contracts.prompt.AdviceRequest;
import io.realskin.contracts.prompt.EnhanceRequest;
import io.realskin.contracts.prompt.Enhancement;
import io.realskin.contracts.prompt.LintReport;
import io.realskin.contracts.prompt.LintRequest;
import io.realskin.contracts.prompt.ModelCatalogue;
import io.realskin.contracts.prompt.PromptExamples;
import io.realskin.contracts.prompt.RecommendRequest;
import io.realskin.contracts.prompt.Recommendation;
import io.realskin.gateway.auth.CallerContext;
import io.realskin.gateway.auth.RequiresScope;
import io.realskin.gateway.auth.Scopes;
import io.realskin.gateway.problems.Problems;
import io.realskin.gateway.rest.ApiExamples;
import io.realskin.gateway.idempotency.Idempotent;
import io.realskin.support.problem.Problem;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.function.BiFunction;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * prompt-service behind the gateway's keys and limits. Bodies are read as prompt-service's records
 * (io.realskin.contracts.prompt), so a field of the wrong shape is the caller's 400 invalid-request naming it, and this
 * API's description has their schemas; its answers are written back from its records; its own 4xx problems pass
 * through as docs/api.md says; when it is down or slow the answer is 503 backend-unavailable naming it. A tenant's calls in
 * progress are bounded ({@link PromptCallSlots}, in {@link PromptClient}).
 */
@Path("/v1")
@Tag(name = "Prompts and models")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Blocking
@APIResponse(responseCode = "503", description = "prompt-service unavailable, or this replica's prompt-service calls in progress "
        + "at their bound (server-busy, Retry-After: 1)", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = {
        @ExampleObject(name = "backend-unavailable", value = ApiExamples.PROBLEM_PROMPT_UNAVAILABLE),
        @ExampleObject(name = "server-busy", value = ApiExamples.PROBLEM_PROMPT_CALLS_BUSY)}))
@APIResponse(responseCode = "429", description = "The rate limit used up (rate-limited), or the tenant's prompt-service calls in "
        + "progress on this replica at their bound (too-many-prompt-calls, Retry-After: 1)", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = {
        @ExampleObject(name = "rate-limited", value = ApiExamples.PROBLEM_RATE_LIMITED),
        @ExampleObject(name = "too-many-prompt-calls", value = ApiExamples.PROBLEM_PROMPT_CALLS_PER_TENANT)}))
public class PromptProxyResource {
    private final PromptClient prompts;
    private final CallerContext caller;

    public PromptProxyResource(PromptClient prompts, CallerContext caller) {
        this.prompts = prompts;
        this.caller = caller;
    }

    @POST
    @Path("/prompts/enhance")
    @Idempotent
    @Operation(operationId = "enhancePrompt", summary = "Rewrite a prompt for photographed skin", description = "prompt-service's POST /prompts/enhance. "
            + "Scope jobs:read.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "headshot", value = PromptExamples.ENHANCE_REQUEST)))
    @APIResponse(responseCode = "200", description = "The enhanced prompt",
            content = @Content(schema = @Schema(implementation = Enhancement.class),
                    examples = @ExampleObject(name = "enhanced", value = PromptExamples.ENHANCE_RESPONSE)))
    @RequiresScope(Scopes.JOBS_READ)
    public Response enhance(EnhanceRequest body) {
        return answer(prompts::enhance, body);
    }

    @POST
    @Path("/prompts/lint")
    @Idempotent
    @Operation(operationId = "lintPrompt", summary = "Score a prompt's plastic-skin risk", description = "prompt-service's POST /prompts/lint. Scope jobs:read.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "risky", value = PromptExamples.LINT_REQUEST)))
    @APIResponse(responseCode = "200", description = "The lint report",
            content = @Content(schema = @Schema(implementation = LintReport.class),
                    examples = @ExampleObject(name = "report", value = PromptExamples.LINT_RESPONSE)))
    @RequiresScope(Scopes.JOBS_READ)
    public Response lint(LintRequest body) {
        return answer(prompts::lint, body);
    }

    @GET
    @Path("/models")
    @Operation(operationId = "listModels", summary = "Image models, best skin first", description = "prompt-service's GET /models. Scope jobs:read.")
    @APIResponse(responseCode = "200", description = "The catalogue",
            content = @Content(schema = @Schema(implementation = ModelCatalogue.class),
                    examples = @ExampleObject(name = "catalogue", value = PromptExamples.MODELS_RESPONSE)))
    @RequiresScope(Scopes.JOBS_READ)
    public Response models() {
        return Response.ok(prompts.models(caller.get().tenantId())).build();
    }

    @POST
    @Path("/models/recommend")
    @Idempotent
    @Operation(operationId = "recommendModel", summary = "Recommend a model", description = "prompt-service's POST /models/recommend. Scope jobs:read.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "final render", value = PromptExamples.RECOMMEND_FINAL)))
    @APIResponse(responseCode = "200", description = "The recommendation",
            content = @Content(schema = @Schema(implementation = Recommendation.class),
                    examples = @ExampleObject(name = "recommendation", value = PromptExamples.RECOMMEND_RESPONSE)))
    @RequiresScope(Scopes.JOBS_READ)
    public Response recommend(RecommendRequest body) {
        return answer(prompts::recommend, body == null ? null
                : new RecommendRequest(body.phase(), body.needs(), tenantPlan(body.plan())));
    }

    @POST
    @Path("/advice")
    @Idempotent
    @Operation(operationId = "getAdvice", summary = "Which plastic-skin fixes to apply, in order", description = "prompt-service's POST /advice. Scope jobs:read.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "all faces plastic", value = PromptExamples.ADVICE_HAVE_IMAGE_ALL)))
    @APIResponse(responseCode = "200", description = "The fixes, cheapest first",
            content = @Content(schema = @Schema(implementation = Advice.class),
                    examples = @ExampleObject(name = "have-image, all faces", value = PromptExamples.ADVICE_RESPONSE)))
    @RequiresScope(Scopes.JOBS_READ)
    public Response advice(AdviceRequest body) {
        return answer(prompts::advice, body == null ? null
                : new AdviceRequest(body.stage(), body.facesAffected(), body.sourceQuality(), tenantPlan(body.plan())));
    }

    /**
     * The plan a recommendation or advice is for: the caller's tenant's own (read with its key, cached with it). A body
     * without one gets it (prompt-service took none as free for a recommendation and as creator for advice, so a pro
     * tenant was told a free model "needs plan pro" and a free tenant was sent to a premium model it is refused); a body
     * naming another plan is 400: an answer for a plan the tenant does not have would name models its jobs are refused.
     * A tenant whose plan is not known here (none in its row) gets the body's, as before.
     */
    private String tenantPlan(String asked) {
        String own = caller.get().plan();
        if (own == null || asked == null || asked.equals(own)) {
            return own == null ? asked : own;
        }
        throw Problems.invalidField("plan", "plan is this tenant's, " + own + ": leave it out (it is filled in) or send \""
                + own + "\"; a recommendation or advice for another plan would name models this tenant's jobs cannot use");
    }

    /** prompt-service's answer to the body, on behalf of the caller's tenant. */
    private <T> Response answer(BiFunction<String, T, ?> call, T body) {
        return Response.ok(call.apply(caller.get().tenantId(), body)).build();
    }
}
