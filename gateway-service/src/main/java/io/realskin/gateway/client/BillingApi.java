package io.realskin.gateway.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** billing-service's hold API; wrapped by {@link BillingClient}, which owns timeouts and error mapping. */
@RegisterRestClient(configKey = "billing")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
interface BillingApi {
    @POST
    @Path("/holds")
    Response hold(HoldRequest request);

    @POST
    @Path("/holds/{jobId}/release")
    Response release(@PathParam("jobId") String jobId);

    @jakarta.ws.rs.PUT
    @Path("/accounts/{tenantId}")
    Response putAccount(@PathParam("tenantId") String tenantId, AccountRequest request);

    record AccountRequest(String plan) {
    }

    record HoldRequest(String tenantId, String jobId, Quote quote) {
    }

    record Quote(String operation, String model, double megapixels, Double maskedFraction) {
    }
}
