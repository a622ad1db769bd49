package io.realskin.gateway.client;

import io.quarkus.rest.client.reactive.NotBody;
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
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * billing-service's REST API as the gateway uses it; wrapped by {@link BillingClient}. Every call carries a service
 * token for billing-service made for its {@link OnBehalfOf}: billing answers a tenant's own account only, and the
 * money movements only with scope {@code admin}.
 */
@RegisterRestClient(configKey = "billing")
@RegisterProvider(ServiceTokenClientFilter.class)
@TokenAudience("billing-service")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
interface BillingApi {
    /** 201 new hold, 200 the job's existing hold (so a retry is safe), 402 short of credits, 403 not in the plan. */
    @POST
    @Path("/holds")
    Response hold(@NotBody OnBehalfOf caller, HoldRequest request);

    /** The job's hold and its state: HELD, CAPTURED, RELEASED or EXPIRED; 404 when there is none. */
    @GET
    @Path("/holds/{jobId}")
    Response holdState(@NotBody OnBehalfOf caller, @PathParam("jobId") String jobId);

    /** Releases the hold of a job that will not run; a settled hold is returned as it is. */
    @DELETE
    @Path("/holds/{jobId}")
    Response release(@NotBody OnBehalfOf caller, @PathParam("jobId") String jobId);

    /** Opens the account, or changes its plan (admin). */
    @PUT
    @Path("/accounts/{tenantId}")
    Response putAccount(@NotBody OnBehalfOf caller, @PathParam("tenantId") String tenantId, AccountRequest request);

    @GET
    @Path("/accounts/{tenantId}/balance")
    Response balance(@NotBody OnBehalfOf caller, @PathParam("tenantId") String tenantId);

    @GET
    @Path("/accounts/{tenantId}/ledger")
    Response ledger(@NotBody OnBehalfOf caller, @PathParam("tenantId") String tenantId, @QueryParam("jobId") String jobId,
                    @QueryParam("kind") String kind, @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit);

    /** Admin: free credits. The same idempotency key again answers 200 with the first entry. */
    @POST
    @Path("/accounts/{tenantId}/grants")
    Response grant(@NotBody OnBehalfOf caller, @PathParam("tenantId") String tenantId, CreditRequest request);

    /** Admin: a signed correction; 409 if it would take the available credits below zero. */
    @POST
    @Path("/accounts/{tenantId}/adjustments")
    Response adjust(@NotBody OnBehalfOf caller, @PathParam("tenantId") String tenantId, CreditRequest request);

    /** Admin: gives back what a job's capture took (all of it by default), once per job. */
    @POST
    @Path("/accounts/{tenantId}/refunds")
    Response refund(@NotBody OnBehalfOf caller, @PathParam("tenantId") String tenantId, RefundRequest request);

    record AccountRequest(String plan) {
    }

    record HoldRequest(String tenantId, String jobId, Quote quote) {
    }

    record Quote(String operation, String model, double megapixels, Double maskedFraction) {
    }

    record CreditRequest(long amount, String idempotencyKey, String reason) {
    }

    record RefundRequest(String jobId, Long amount, String reason) {
    }
}
