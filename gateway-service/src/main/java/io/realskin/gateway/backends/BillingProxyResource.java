package io.realskin.gateway.backends;

import io.realskin.contracts.billing.Balance;
import io.realskin.contracts.billing.BillingExamples;
import io.realskin.contracts.billing.LedgerPage;
import io.realskin.gateway.auth.CallerContext;
import io.realskin.gateway.auth.RequiresScope;
import io.realskin.gateway.auth.Scopes;
import io.realskin.gateway.problems.Problems;
import io.realskin.gateway.rest.ApiExamples;
import io.realskin.gateway.rest.Params;
import io.realskin.support.problem.Problem;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller's own billing account at billing-service, in billing's records; 503 backend-unavailable when billing is down. */
@Path("/v1/billing")
@Tag(name = "Billing")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
@APIResponse(responseCode = "503", description = "billing unavailable", content = @Content(mediaType = Problem.MEDIA_TYPE,
        examples = @ExampleObject(name = "backend-unavailable", value = ApiExamples.PROBLEM_BILLING_UNAVAILABLE)))
@APIResponse(responseCode = "404", description = "billing has no account for the tenant", content = @Content(mediaType = Problem.MEDIA_TYPE,
        examples = @ExampleObject(name = "no-billing-account", value = ApiExamples.PROBLEM_NO_BILLING_ACCOUNT)))
public class BillingProxyResource {
    /** billing-service's bounds: its ledger page holds at most 500 entries; kinds are upper-case words; cursors base64url. */
    private static final int MAX_LEDGER_PAGE = 500;
    private static final java.util.regex.Pattern LEDGER_KIND = java.util.regex.Pattern.compile("[A-Za-z_]{1,40}");
    /** billing's kinds of ledger entry, as billing names them (it judges the value; this names them to the client). */
    static final String LEDGER_KINDS = "GRANT, PURCHASE, HOLD, CAPTURE, RELEASE, REFUND, ADJUST or EXPIRY";
    private static final java.util.regex.Pattern CURSOR = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{1,200}");
    private final BillingClient billing;
    private final CallerContext caller;

    public BillingProxyResource(BillingClient billing, CallerContext caller) {
        this.billing = billing;
        this.caller = caller;
    }

    @GET
    @Path("/balance")
    @Operation(operationId = "getBalance", summary = "Your credits: available and held", description = "Scope billing:read.")
    @APIResponse(responseCode = "200", description = "The balance",
            content = @Content(schema = @Schema(implementation = Balance.class),
                    examples = @ExampleObject(name = "balance", value = BillingExamples.BALANCE)))
    @RequiresScope(Scopes.BILLING_READ)
    public Balance balance() {
        return billing.balance(caller.get().tenantId());
    }

    @GET
    @Path("/ledger")
    @Operation(operationId = "listLedgerEntries", summary = "Your credit ledger, newest first", description = "Filters jobId and kind (" + LEDGER_KINDS
            + ", in any case); pass nextCursor as cursor for the next page. Scope billing:read.")
    @APIResponse(responseCode = "200", description = "A page",
            content = @Content(schema = @Schema(implementation = LedgerPage.class),
                    examples = @ExampleObject(name = "ledger", value = BillingExamples.LEDGER)))
    @RequiresScope(Scopes.BILLING_READ)
    public LedgerPage ledger(@QueryParam("jobId") String jobId, @QueryParam("kind") String kind, @QueryParam("cursor") String cursor,
                           @Parameter(description = "Entries on the page, at most 500; a value that is no whole number in range is 400 invalid-request",
                                   schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500", defaultValue = "50"))
                           @QueryParam("limit") String limit) {
        String tenant = caller.get().tenantId();
        if (kind != null && !LEDGER_KIND.matcher(kind).matches()) {
            throw Problems.invalidField("kind", "kind must be a ledger entry kind: " + LEDGER_KINDS);
        }
        if (cursor != null && !CURSOR.matcher(cursor).matches()) {
            throw Problems.invalidField("cursor", "cursor is not one this API returned");
        }
        Integer size = limit == null ? null : Params.pageSize(limit, 0, MAX_LEDGER_PAGE);
        return billing.ledger(tenant, Params.queryId("jobId", jobId), kind, cursor, size);
    }
}
