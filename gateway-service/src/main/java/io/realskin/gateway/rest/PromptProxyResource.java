package io.realskin.gateway.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.realskin.gateway.client.PromptClient;
import io.realskin.gateway.client.Relayed;
import io.realskin.gateway.auth.Scopes;
import io.realskin.support.problem.Problem;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import io.realskin.gateway.auth.CallerContext;
import io.realskin.gateway.auth.RequiresScope;

/**
 * prompt-service behind the gateway's keys and limits. Its answers and its own 4xx problems pass through unchanged;
 * when it is down or slow the answer is 503 backend-unavailable.
 */
@Path("/v1")
@Tag(name = "Prompts and models")
@Produces(MediaType.APPLICATION_JSON)
public class PromptProxyResource {
    private final PromptClient prompts;
    private final CallerContext caller;

    public PromptProxyResource(PromptClient prompts, CallerContext caller) {
        this.prompts = prompts;
        this.caller = caller;
    }

    @POST
    @Path("/prompts/enhance")
    @Consumes(MediaType.APPLICATION_JSON)
    @Blocking
    @Idempotent
    @Operation(summary = "Rewrite a prompt for photographed skin", description = "prompt-service's POST /prompts/enhance. "
            + "Scope jobs:read.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "headshot",
            value = ApiExamples.ENHANCE_REQUEST)))
    @APIResponse(responseCode = "200", description = "The enhanced prompt", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "enhanced", value = ApiExamples.ENHANCE_RESPONSE)))
    @APIResponse(responseCode = "503", description = "prompt-service unavailable", content = @Content(mediaType = Problem.MEDIA_TYPE,
            examples = @ExampleObject(name = "backend-unavailable", value = ApiExamples.PROBLEM_UNAVAILABLE)))
    @RequiresScope(Scopes.JOBS_READ)
    public Response enhance(JsonNode body) {
        return relay(prompts.enhance(caller.get().tenantId(), body));
    }

    @POST
    @Path("/prompts/lint")
    @Consumes(MediaType.APPLICATION_JSON)
    @Blocking
    @Idempotent
    @Operation(summary = "Score a prompt's plastic-skin risk", description = "prompt-service's POST /prompts/lint. Scope jobs:read.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "risky",
            value = ApiExamples.LINT_REQUEST)))
    @APIResponse(responseCode = "200", description = "The lint report", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "report", value = ApiExamples.LINT_RESPONSE)))
    @RequiresScope(Scopes.JOBS_READ)
    public Response lint(JsonNode body) {
        return relay(prompts.lint(caller.get().tenantId(), body));
    }

    @GET
    @Path("/models")
    @Blocking
    @Operation(summary = "Image models, best skin first", description = "prompt-service's GET /models. Scope jobs:read.")
    @APIResponse(responseCode = "200", description = "The catalogue", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "catalogue", value = ApiExamples.MODELS_RESPONSE)))
    @RequiresScope(Scopes.JOBS_READ)
    public Response models() {
        return relay(prompts.models(caller.get().tenantId()));
    }

    @POST
    @Path("/models/recommend")
    @Consumes(MediaType.APPLICATION_JSON)
    @Blocking
    @Idempotent
    @Operation(summary = "Recommend a model", description = "prompt-service's POST /models/recommend. Scope jobs:read.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "final render",
            value = ApiExamples.RECOMMEND_REQUEST)))
    @APIResponse(responseCode = "200", description = "The recommendation", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "recommendation", value = ApiExamples.RECOMMEND_RESPONSE)))
    @RequiresScope(Scopes.JOBS_READ)
    public Response recommend(JsonNode body) {
        return relay(prompts.recommend(caller.get().tenantId(), body));
    }

    @POST
    @Path("/advice")
    @Consumes(MediaType.APPLICATION_JSON)
    @Blocking
    @Idempotent
    @Operation(summary = "Which plastic-skin fixes to apply, in order", description = "prompt-service's POST /advice. Scope jobs:read.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "one face of a group",
            value = ApiExamples.ADVICE_REQUEST)))
    @APIResponse(responseCode = "200", description = "The fixes, cheapest first", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "advice", value = ApiExamples.ADVICE_RESPONSE)))
    @RequiresScope(Scopes.JOBS_READ)
    public Response advice(JsonNode body) {
        return relay(prompts.advice(caller.get().tenantId(), body));
    }

    static Response relay(Relayed answer) {
        return Response.status(answer.status()).type(answer.contentType()).entity(answer.body()).build();
    }
}
