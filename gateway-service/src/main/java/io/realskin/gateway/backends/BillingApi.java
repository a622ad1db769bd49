package io.realskin.gateway.backends;

import io.quarkus.rest.client.reactive.NotBody;
import io.realskin.contracts.billing.Balance;
import io.realskin.contracts.billing.CreditRequest;
import io.realskin.contracts.billing.HoldRequest;
import io.realskin.contracts.billing.HoldState;
import io.realskin.contracts.billing.LedgerEntry;
import io.realskin.contracts.billing.LedgerPage;
import io.realskin.contracts.billing.PlacedHold;
import io.realskin.contracts.billing.QuoteAnswer;
import io.realskin.contracts.billing.QuoteRequest;
import io.realskin.contracts.billing.PlanRequest;
import io.realskin.contracts.billing.RefundRequest;
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
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * billing-service's REST API as the gateway uses it, in billing's own records (io.realskin.contracts.billing); wrapped
 * by {@link BillingClient}. A 4xx is thrown as a {@link BackendProblem}, a 5xx as a {@link BackendFailure}, a 503 or
 * 429 with Retry-After as a {@link BackendBusy} ({@link BackendProblemMapper}). Every call carries a service token for billing-service made for its
 * {@link OnBehalfOf}: billing answers a tenant's own account only, and the money movements only with scope {@code admin}.
 */
@RegisterRestClient(configKey = "billing")
@RegisterProvider(ServiceTokenClientFilter.class)
@RegisterProvider(BackendProblemMapper.class)
@TokenAudience("billing-service")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
interface BillingApi {
    /** 201 new hold, 200 the job's existing hold (so a retry is safe), 402 short of credits, 403 not in the plan. */
    @POST
    @Path("/holds")
    PlacedHold hold(@NotBody OnBehalfOf caller, HoldRequest request);

    /** The job's hold and its state: HELD, CAPTURED, RELEASED or EXPIRED; 404 when there is none. */
    @GET
    @Path("/holds/{jobId}")
    HoldState holdState(@NotBody OnBehalfOf caller, @PathParam("jobId") String jobId);

    /** Releases the hold of a job that will not run; a settled hold is returned as it is. */
    @DELETE
    @Path("/holds/{jobId}")
    HoldState release(@NotBody OnBehalfOf caller, @PathParam("jobId") String jobId);

    /** Opens the account, or changes its plan (admin); the account billing answers is not the gateway's concern. */
    @PUT
    @Path("/accounts/{tenantId}")
    void putAccount(@NotBody OnBehalfOf caller, @PathParam("tenantId") String tenantId, PlanRequest request);

    @GET
    @Path("/accounts/{tenantId}/balance")
    Balance balance(@NotBody OnBehalfOf caller, @PathParam("tenantId") String tenantId);

    @GET
    @Path("/accounts/{tenantId}/ledger")
    LedgerPage ledger(@NotBody OnBehalfOf caller, @PathParam("tenantId") String tenantId, @QueryParam("jobId") String jobId,
                      @QueryParam("kind") String kind, @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit);

    /** Admin: free credits. 201 a new entry; the same idempotency key again answers 200 with the first entry. */
    @POST
    @Path("/accounts/{tenantId}/grants")
    RestResponse<LedgerEntry> grant(@NotBody OnBehalfOf caller, @PathParam("tenantId") String tenantId, CreditRequest request);

    /** Admin: a signed correction; 409 if it would take the available credits below zero. */
    @POST
    @Path("/accounts/{tenantId}/adjustments")
    RestResponse<LedgerEntry> adjust(@NotBody OnBehalfOf caller, @PathParam("tenantId") String tenantId, CreditRequest request);

    /** Admin: closes the account of an erased tenant (its holds released, nothing booked any more); again: the same. */
    @POST
    @Path("/accounts/{tenantId}/close")
    void closeAccount(@NotBody OnBehalfOf caller, @PathParam("tenantId") String tenantId);

    /** What a job would cost now and whether the tenant's plan allows it; reserves nothing. */
    @POST
    @Path("/quotes")
    QuoteAnswer quote(@NotBody OnBehalfOf caller, QuoteRequest request);

    /** Admin: gives back what a job's capture took (all of it by default), once per job. */
    @POST
    @Path("/accounts/{tenantId}/refunds")
    RestResponse<LedgerEntry> refund(@NotBody OnBehalfOf caller, @PathParam("tenantId") String tenantId, RefundRequest request);
}
