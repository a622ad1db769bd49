package io.realskin.gateway.rest;

import io.realskin.gateway.client.BillingClient;
import io.realskin.gateway.domain.Scopes;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller's own billing account at billing-service; 503 backend-unavailable when billing is down. */
@Path("/v1/billing")
@Tag(name = "Billing")
@Produces(MediaType.APPLICATION_JSON)
public class BillingProxyResource {
    private final BillingClient billing;
    private final CallerContext caller;

    public BillingProxyResource(BillingClient billing, CallerContext caller) {
        this.billing = billing;
        this.caller = caller;
    }

    @GET
    @Path("/balance")
    @Blocking
    @Operation(summary = "Your credits: available and held", description = "Scope billing:read.")
    @APIResponse(responseCode = "200", description = "The balance", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "balance", value = ApiExamples.BALANCE)))
    @APIResponse(responseCode = "503", description = "billing unavailable", content = @Content(mediaType = Problem.MEDIA_TYPE,
            examples = @ExampleObject(name = "backend-unavailable", value = ApiExamples.PROBLEM_UNAVAILABLE)))
    public Response balance() {
        return PromptProxyResource.relay(billing.balance(caller.require(Scopes.BILLING_READ).tenantId()));
    }

    @GET
    @Path("/ledger")
    @Blocking
    @Operation(summary = "Your credit ledger, newest first", description = "Filters jobId and kind (GRANT, PURCHASE, "
            + "CAPTURE, REFUND, ADJUSTMENT, ...); pass nextCursor as cursor for the next page. Scope billing:read.")
    @APIResponse(responseCode = "200", description = "A page", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "ledger", value = ApiExamples.LEDGER)))
    public Response ledger(@QueryParam("jobId") String jobId, @QueryParam("kind") String kind, @QueryParam("cursor") String cursor,
                           @QueryParam("limit") Integer limit) {
        String tenant = caller.require(Scopes.BILLING_READ).tenantId();
        return PromptProxyResource.relay(billing.ledger(tenant, jobId, kind, cursor, limit));
    }
}
