package io.realskin.gateway.backends;

import static io.realskin.contracts.billing.CreditRequest.MAX_AMOUNT;

import io.realskin.contracts.billing.BillingExamples;
import io.realskin.contracts.billing.LedgerEntry;
import io.realskin.gateway.auth.AdminAudit;
import io.realskin.gateway.auth.RequiresScope;
import io.realskin.gateway.auth.Scopes;
import io.realskin.gateway.rest.ApiExamples;
import io.realskin.gateway.idempotency.IdempotencyInterceptor;
import io.realskin.gateway.idempotency.Idempotent;
import io.realskin.gateway.problems.Problems;
import io.realskin.gateway.tenants.TenantService;
import io.realskin.support.problem.Problem;
import io.smallrye.common.annotation.Blocking;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.function.Supplier;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * A tenant's credits and plan, for admin keys: billing-service's admin operations, which billing answers only to the
 * gateway's service token with scope {@code admin} (docs/security.md). Billing's own problems (400 {@code invalid-request},
 * 404 {@code not-found}, 409 {@code conflict}) pass through unchanged.
 */
@Path("/v1/admin/tenants/{tenantId}")
@Tag(name = "Admin")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Blocking
public class AdminBillingResource {
    private static final int MAX_KEY_LENGTH = 200;
    private static final String KEY_DESCRIPTION = "Required unless an Idempotency-Key header is sent (which then stands for "
            + "it): billing books one entry per key and tenant, so a retry with the same key books nothing more";
    private final TenantService tenants;
    private final BillingClient billing;
    private final AdminAudit audit;

    public AdminBillingResource(TenantService tenants, BillingClient billing, AdminAudit audit) {
        this.tenants = tenants;
        this.billing = billing;
        this.audit = audit;
    }

    public record PlanRequest(@NotBlank String plan) {
    }

    public record PlanView(String tenantId, String plan) {
    }

    public record CreditRequest(@NotNull @Min(-MAX_AMOUNT) @Max(MAX_AMOUNT) Long amount, @Size(max = 500) String reason,
                                @Schema(description = KEY_DESCRIPTION)
                                @Size(min = 1, max = MAX_KEY_LENGTH) String idempotencyKey) {
    }

    public record GrantRequest(@NotNull @Positive @Max(MAX_AMOUNT) Long amount, @Size(max = 500) String reason,
                               @Schema(description = KEY_DESCRIPTION)
                               @Size(min = 1, max = MAX_KEY_LENGTH) String idempotencyKey) {
    }

    public record RefundRequest(@NotBlank @Size(max = 100) String jobId,
                                @Schema(description = "Credits to give back; all the job's capture when absent") @Positive Long amount,
                                @Size(max = 500) String reason) {
    }

    @PUT
    @Path("/plan")
    @Operation(operationId = "changeTenantPlan", summary = "Change a tenant's plan", description = "Scope admin. Billing's credits and entitlements and the "
            + "gateway's rate limit follow the new plan (free, pro, creator, ultimate); an upgrade tops up this month's grant.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "upgrade", value = ApiExamples.PLAN_REQUEST)))
    @APIResponse(responseCode = "200", description = "The plan now",
            content = @Content(schema = @Schema(implementation = PlanView.class),
                    examples = @ExampleObject(name = "plan", value = ApiExamples.PLAN)))
    @APIResponse(responseCode = "404", description = "No such tenant", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "409", description = "The tenant is being erased or has been erased", content = @Content(
            mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "tenant-erased", value = ApiExamples.PROBLEM_TENANT_ERASED)))
    @RequiresScope(Scopes.ADMIN)
    public PlanView changePlan(@PathParam("tenantId") String tenantId, @Valid @NotNull PlanRequest request) {
        tenants.changePlan(tenantId, request.plan());
        audit.done("plan-changed", tenantId, "plan", request.plan());
        return new PlanView(tenantId, request.plan());
    }

    @POST
    @Path("/grants")
    @Idempotent
    @Operation(operationId = "grantCredits", summary = "Grant free credits", description = "Scope admin. 201 with the ledger entry; the same "
            + "idempotencyKey again: 200 with the same entry, or 409 conflict with another amount. The key is required (the "
            + "body's idempotencyKey, or the Idempotency-Key header standing for it): 400 invalid-request without one.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "goodwill", value = BillingExamples.GRANT_REQUEST)))
    @APIResponse(responseCode = "201", description = "Granted",
            content = @Content(schema = @Schema(implementation = LedgerEntry.class),
                    examples = @ExampleObject(name = "entry", value = BillingExamples.LEDGER_ENTRY)))
    @RequiresScope(Scopes.ADMIN)
    public Response grant(@PathParam("tenantId") String tenantId, @HeaderParam(IdempotencyInterceptor.HEADER) String headerKey,
                          @Valid @NotNull GrantRequest request) {
        String key = bookingKey(request.idempotencyKey(), headerKey);
        return ofKnownTenant(tenantId, "credits-granted", () -> billing.grant(tenantId, request.amount(), key, request.reason(), audit.actor()));
    }

    @POST
    @Path("/adjustments")
    @Idempotent
    @Operation(operationId = "adjustCredits", summary = "Correct a balance", description = "Scope admin. A signed amount; 409 conflict if it would take "
            + "the available credits below zero. Same idempotency rules as grants.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "correction", value = BillingExamples.ADJUSTMENT_REQUEST)))
    @APIResponse(responseCode = "201", description = "Booked",
            content = @Content(schema = @Schema(implementation = LedgerEntry.class),
                    examples = @ExampleObject(name = "entry", value = BillingExamples.LEDGER_ENTRY)))
    @RequiresScope(Scopes.ADMIN)
    public Response adjust(@PathParam("tenantId") String tenantId, @HeaderParam(IdempotencyInterceptor.HEADER) String headerKey,
                           @Valid @NotNull CreditRequest request) {
        String key = bookingKey(request.idempotencyKey(), headerKey);
        return ofKnownTenant(tenantId, "balance-adjusted", () -> billing.adjust(tenantId, request.amount(), key, request.reason(), audit.actor()));
    }

    @POST
    @Path("/refunds")
    @Idempotent
    @Operation(operationId = "refundJob", summary = "Refund a job", description = "Scope admin. Gives back what the job's capture took (or amount of "
            + "it), once per job; 404 when the tenant has no such captured job.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "refund", value = BillingExamples.REFUND_REQUEST)))
    @APIResponse(responseCode = "201", description = "Refunded",
            content = @Content(schema = @Schema(implementation = LedgerEntry.class),
                    examples = @ExampleObject(name = "entry", value = BillingExamples.LEDGER_ENTRY)))
    @RequiresScope(Scopes.ADMIN)
    public Response refund(@PathParam("tenantId") String tenantId, @Valid @NotNull RefundRequest request) {
        return ofKnownTenant(tenantId, "job-refunded", () -> billing.refund(tenantId, request.jobId(), request.amount(), request.reason(), audit.actor()));
    }

    /**
     * A tenant the gateway knows (else 404 before billing is asked), then billing's entry with its status (201 new, 200
     * again), and the audit line of it (a repeat too: {@code booked=false}, the entry the first booking made).
     */
    private Response ofKnownTenant(String tenantId, String action, Supplier<RestResponse<LedgerEntry>> billingCall) {
        tenants.requireTenant(tenantId);
        RestResponse<LedgerEntry> booked = billingCall.get();
        LedgerEntry entry = booked.getEntity();
        audit.done(action, tenantId, "amount", entry == null ? null : entry.amount(), "job", entry == null ? null : entry.jobId(),
                "entry", entry == null ? null : entry.id(), "booked", booked.getStatus() == 201);
        return Response.status(booked.getStatus()).entity(booked.getEntity()).build();
    }

    /**
     * The key billing books the entry under: the body's {@code idempotencyKey}, else the Idempotency-Key header's. One or
     * the other is required: a key made up per request (as until 2026-12-07) booked an admin tool's retry after a
     * timeout a second time.
     */
    private static String bookingKey(String bodyKey, String headerKey) {
        if (bodyKey != null) {
            return bodyKey;
        }
        if (headerKey == null) {
            throw Problems.invalidField("idempotencyKey", "idempotencyKey (or an Idempotency-Key header) is required: "
                    + "billing books one entry per key, so a retry of this request must send the same key");
        }
        if (headerKey.length() > MAX_KEY_LENGTH) {
            throw Problems.invalidField("idempotencyKey", "an Idempotency-Key header used as billing's idempotencyKey must be "
                    + "1 to " + MAX_KEY_LENGTH + " characters");
        }
        return headerKey;
    }
}
