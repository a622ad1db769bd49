package io.realskin.gateway.backends;

import io.quarkus.rest.client.reactive.NotBody;
import io.realskin.contracts.prompt.Advice;
import io.realskin.contracts.prompt.AdviceRequest;
import io.realskin.contracts.prompt.EnhanceRequest;
import io.realskin.contracts.prompt.Enhancement;
import io.realskin.contracts.prompt.LintReport;
import io.realskin.contracts.prompt.LintRequest;
import io.realskin.contracts.prompt.ModelCatalogue;
import io.realskin.contracts.prompt.RecommendRequest;
import io.realskin.contracts.prompt.Recommendation;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * prompt-service's REST API in its own records (io.realskin.contracts.prompt); wrapped by {@link PromptClient}. A 4xx is
 * thrown as a {@link BackendProblem}, a 5xx as a {@link BackendFailure}, a 503 or 429 with Retry-After as a
 * {@link BackendBusy} ({@link BackendProblemMapper}). Every call carries a service token for prompt-service.
 */
@RegisterRestClient(configKey = "prompt")
@RegisterProvider(ServiceTokenClientFilter.class)
@RegisterProvider(BackendProblemMapper.class)
@TokenAudience("prompt-service")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
interface PromptApi {
    @POST
    @Path("/prompts/enhance")
    Enhancement enhance(@NotBody OnBehalfOf caller, EnhanceRequest body);

    @POST
    @Path("/prompts/lint")
    LintReport lint(@NotBody OnBehalfOf caller, LintRequest body);

    @GET
    @Path("/models")
    ModelCatalogue models(@NotBody OnBehalfOf caller);

    @POST
    @Path("/models/recommend")
    Recommendation recommend(@NotBody OnBehalfOf caller, RecommendRequest body);

    @POST
    @Path("/advice")
    Advice advice(@NotBody OnBehalfOf caller, AdviceRequest body);
}
