package io.realskin.gateway.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** billing-service's REST API as the gateway uses it; wrapped by {@link BillingClient}. */
@RegisterRestClient(configKey = "billing")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
interface BillingApi {
    /** 201 new hold, 200 the job's existing hold (so a retry is safe), 402 short of credits, 403 not in the plan. */
    @POST
    @Path("/holds")
    Response hold(HoldRequest request);

    /** The job's hold and its state: HELD, CAPTURED, RELEASED or EXPIRED; 404 when there is none. */
    @GET
    @Path("/holds/{jobId}")
    Response holdState(@PathParam("jobId") String jobId);

    /** Releases the hold of a job that will not run; a settled hold is returned as it is. */
    @DELETE
    @Path("/holds/{jobId}")
    Response release(@PathParam("jobId") String jobId);

    @PUT
    @Path("/accounts/{tenantId}")
    Response putAccount(@PathParam("tenantId") String tenantId, AccountRequest request);

    @GET
    @Path("/accounts/{tenantId}/balance")
    Response balance(@PathParam("tenantId") String tenantId);

    @GET
    @Path("/accounts/{tenantId}/ledger")
    Response ledger(@PathParam("tenantId") String tenantId, @QueryParam("jobId") String jobId, @QueryParam("kind") String kind,
                    @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit);

    record AccountRequest(String plan) {
    }

    record HoldRequest(String tenantId, String jobId, Quote quote) {
    }

    record Quote(String operation, String model, double megapixels, Double maskedFraction) {
    }
}
