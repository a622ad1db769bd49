package io.realskin.gateway.client;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** prompt-service's REST API; wrapped by {@link PromptClient}. */
@RegisterRestClient(configKey = "prompt")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
interface PromptApi {
    @POST
    @Path("/prompts/enhance")
    Response enhance(JsonNode body);

    @POST
    @Path("/prompts/lint")
    Response lint(JsonNode body);

    @GET
    @Path("/models")
    Response models();

    @POST
    @Path("/models/recommend")
    Response recommend(JsonNode body);

    @POST
    @Path("/advice")
    Response advice(JsonNode body);
}
