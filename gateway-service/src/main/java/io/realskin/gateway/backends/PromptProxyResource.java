package io.realskin.gateway.backends;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.realskin.contracts.prompt.AdviceRequest;
import io.realskin.contracts.prompt.EnhanceRequest;
import io.realskin.contracts.prompt.LintRequest;
import io.realskin.contracts.prompt.PromptExamples;
import io.realskin.contracts.prompt.RecommendRequest;
import io.realskin.gateway.auth.CallerContext;
import io.realskin.gateway.auth.RequiresScope;
import io.realskin.gateway.auth.Scopes;
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
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * prompt-service behind the gateway's keys and limits. Bodies are read as prompt-service's records
 * (io.realskin.contracts.prompt) and its answers written back from them; its own 4xx problems pass through as
 * docs/api.md says; when it is down or slow the answer is 503 backend-unavailable. The bodies stay JSON documents in
 * this API's description: prompt-service's own document describes their fields.
 */
@Path("/v1")
@Tag(name = "Prompts and models")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PromptProxyResource {
    private final PromptClient prompts;
    private final CallerContext caller;
    private final ObjectMapper json;

    public PromptProxyResource(PromptClient prompts, CallerContext caller, ObjectMapper json) {
        this.prompts = prompts;
        this.caller = caller;
        this.json = json;
    }

    @POST
    @Path("/prompts/enhance")
    @Blocking
    @Idempotent
    @Operation(summary = "Rewrite a prompt for photographed skin", description = "prompt-service's POST /prompts/enhance. "
            + "Scope jobs:read.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "headshot",
            value = PromptExamples.ENHANCE_REQUEST)))
    @APIResponse(responseCode = "200", description = "The enhanced prompt", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "enhanced", value = PromptExamples.ENHANCE_RESPONSE)))
    @APIResponse(responseCode = "503", description = "prompt-service unavailable", content = @Content(mediaType = Problem.MEDIA_TYPE,
            examples = @ExampleObject(name = "backend-unavailable", value = ApiExamples.PROBLEM_UNAVAILABLE)))
    @RequiresScope(Scopes.JOBS_READ)
    public Response enhance(JsonNode body) throws JsonProcessingException {
        return answer(body, EnhanceRequest.class, prompts::enhance);
    }

    @POST
    @Path("/prompts/lint")
    @Blocking
    @Idempotent
    @Operation(summary = "Score a prompt's plastic-skin risk", description = "prompt-service's POST /prompts/lint. Scope jobs:read.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "risky",
            value = PromptExamples.LINT_REQUEST)))
    @APIResponse(responseCode = "200", description = "The lint report", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "report", value = PromptExamples.LINT_RESPONSE)))
    @RequiresScope(Scopes.JOBS_READ)
    public Response lint(JsonNode body) throws JsonProcessingException {
        return answer(body, LintRequest.class, prompts::lint);
    }

    @GET
    @Path("/models")
    @Blocking
    @Operation(summary = "Image models, best skin first", description = "prompt-service's GET /models. Scope jobs:read.")
    @APIResponse(responseCode = "200", description = "The catalogue", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "catalogue", value = PromptExamples.MODELS_RESPONSE)))
    @RequiresScope(Scopes.JOBS_READ)
    public Response models() {
        return Response.ok(prompts.models(caller.get().tenantId())).build();
    }

    @POST
    @Path("/models/recommend")
    @Blocking
    @Idempotent
    @Operation(summary = "Recommend a model", description = "prompt-service's POST /models/recommend. Scope jobs:read.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "final render",
            value = PromptExamples.RECOMMEND_FINAL)))
    @APIResponse(responseCode = "200", description = "The recommendation", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "recommendation", value = PromptExamples.RECOMMEND_RESPONSE)))
    @RequiresScope(Scopes.JOBS_READ)
    public Response recommend(JsonNode body) throws JsonProcessingException {
        return answer(body, RecommendRequest.class, prompts::recommend);
    }

    @POST
    @Path("/advice")
    @Blocking
    @Idempotent
    @Operation(summary = "Which plastic-skin fixes to apply, in order", description = "prompt-service's POST /advice. Scope jobs:read.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "one face of a group",
            value = PromptExamples.ADVICE_HAVE_IMAGE)))
    @APIResponse(responseCode = "200", description = "The fixes, cheapest first", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "advice", value = PromptExamples.ADVICE_RESPONSE)))
    @RequiresScope(Scopes.JOBS_READ)
    public Response advice(JsonNode body) throws JsonProcessingException {
        return answer(body, AdviceRequest.class, prompts::advice);
    }

    /**
     * prompt-service's answer, on behalf of the caller's tenant, to the body read as its record; a field of the wrong
     * shape is the caller's 400 invalid-request, naming it.
     */
    private <T> Response answer(JsonNode body, Class<T> type, BiFunction<String, T, ?> call) throws JsonProcessingException {
        T request = body == null ? null : json.treeToValue(body, type);
        return Response.ok(call.apply(caller.get().tenantId(), request)).build();
    }
}
