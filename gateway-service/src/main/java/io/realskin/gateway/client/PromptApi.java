package io.realskin.gateway.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.rest.client.reactive.NotBody;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** prompt-service's REST API; wrapped by {@link PromptClient}. Every call carries a service token for prompt-service. */
@RegisterRestClient(configKey = "prompt")
@RegisterProvider(ServiceTokenClientFilter.class)
@TokenAudience("prompt-service")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
interface PromptApi {
    @POST
    @Path("/prompts/enhance")
    Response enhance(@NotBody OnBehalfOf caller, JsonNode body);

    @POST
    @Path("/prompts/lint")
    Response lint(@NotBody OnBehalfOf caller, JsonNode body);

    @GET
    @Path("/models")
    Response models(@NotBody OnBehalfOf caller);

    @POST
    @Path("/models/recommend")
    Response recommend(@NotBody OnBehalfOf caller, JsonNode body);

    @POST
    @Path("/advice")
    Response advice(@NotBody OnBehalfOf caller, JsonNode body);
}
