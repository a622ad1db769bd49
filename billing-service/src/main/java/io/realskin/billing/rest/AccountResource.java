package io.realskin.billing.rest;

import io.realskin.billing.domain.Account;
import io.realskin.billing.rest.Bodies.ReferrerBody;
import io.realskin.billing.rest.Views.AccountView;
import io.realskin.billing.service.AccountClosure;
import io.realskin.billing.service.AccountService;
import io.realskin.billing.service.CatalogService;
import io.realskin.billing.service.CreditService;
import io.realskin.billing.service.CreditService.Booked;
import io.realskin.billing.service.Ids;
import io.realskin.contracts.billing.Balance;
import io.realskin.contracts.billing.BillingExamples;
import io.realskin.contracts.billing.CreditRequest;
import io.realskin.contracts.billing.LedgerEntry;
import io.realskin.contracts.billing.PlanRequest;
import io.realskin.contracts.billing.RefundRequest;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import io.realskin.billing.domain.BillingProblems;
import io.realskin.contracts.WholeNumbers;
import io.realskin.support.problem.ProblemMappers;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

/**
 * Accounts and balances (a tenant's own, or any with scope admin) and the money movements, which, like plan and
 * referrer changes, are {@link AdminOnly} (the gateway exposes them on its admin API).
 */
@Path("/accounts/{tenantId}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AccountResource {
    private static final ProblemMappers SHARED_MAPPERS = new ProblemMappers();
    private final AccountService accounts;
    private final CreditService credits;
    private final CatalogService catalog;
    private final AccountClosure closure;

    public AccountResource(AccountService accounts, CreditService credits, CatalogService catalog, AccountClosure closure) {
        this.accounts = accounts;
        this.credits = credits;
        this.catalog = catalog;
        this.closure = closure;
    }

    @GET
    public Uni<AccountView> get(@PathParam("tenantId") String tenantId) {
        return accounts.get(Ids.require("tenantId", tenantId)).flatMap(this::view);
    }

    /** Creates the account with the plan (idempotent) or changes its plan. */
    @AdminOnly
    @PUT
    public Uni<AccountView> putPlan(@PathParam("tenantId") String tenantId, PlanRequest body) {
        return accounts.putPlan(Ids.require("tenantId", tenantId), Ids.requireName("plan", Bodies.require(body).plan()))
                .flatMap(this::view);
    }

    /**
     * Closes the account of an erased tenant (the gateway's DELETE /v1/admin/tenants/{id}): its holds still HELD are
     * released, and nothing is booked for it any more (409 account-closed); the ledger stays. Idempotent: again, the
     * first close's time and 0 released.
     */
    @AdminOnly
    @POST
    @Path("/close")
    @Consumes(MediaType.WILDCARD) // no body: any Content-Type, or none
    public Uni<AccountClosure.Closed> close(@PathParam("tenantId") String tenantId) {
        return closure.close(Ids.require("tenantId", tenantId));
    }

    @GET
    @Path("/balance")
    @APIResponse(responseCode = "200", description = "The balance", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = Balance.class), examples = @ExampleObject(name = "balance", value = BillingExamples.BALANCE)))
    public Uni<Balance> balance(@PathParam("tenantId") String tenantId) {
        return accounts.get(Ids.require("tenantId", tenantId)).map(Views::balance);
    }

    @AdminOnly
    @PUT
    @Path("/referrer")
    public Uni<AccountView> referrer(@PathParam("tenantId") String tenantId, ReferrerBody body) {
        return accounts.setReferrer(Ids.require("tenantId", tenantId), Ids.requireName("code", Bodies.require(body).code()))
                .flatMap(this::view);
    }

    @AdminOnly
    @POST
    @Path("/grants")
    public Uni<RestResponse<LedgerEntry>> grant(@PathParam("tenantId") String tenantId, CreditRequest body) {
        CreditRequest b = Bodies.require(body);
        return credits.grant(Ids.require("tenantId", tenantId), Bodies.requireCredits(b.amount()), b.idempotencyKey(),
                Bodies.reason(b.reason()), Ids.optional("actor", b.actor())).map(AccountResource::created);
    }

    @AdminOnly
    @POST
    @Path("/purchases")
    public Uni<RestResponse<LedgerEntry>> purchase(@PathParam("tenantId") String tenantId, CreditRequest body) {
        CreditRequest b = Bodies.require(body);
        return credits.purchase(Ids.require("tenantId", tenantId), Bodies.requireCredits(b.amount()), b.idempotencyKey(),
                Bodies.reason(b.reason())).map(AccountResource::created);
    }

    @AdminOnly
    @POST
    @Path("/adjustments")
    public Uni<RestResponse<LedgerEntry>> adjust(@PathParam("tenantId") String tenantId, CreditRequest body) {
        CreditRequest b = Bodies.require(body);
        return credits.adjust(Ids.require("tenantId", tenantId), Bodies.requireAdjustment(b.amount()), b.idempotencyKey(),
                Bodies.reason(b.reason()), Ids.optional("actor", b.actor())).map(AccountResource::created);
    }

    /** A charge-back: the purchase of this key, reversed at the payment provider. */
    public record ChargeBackRequest(String idempotencyKey, String reason) {
    }

    @AdminOnly
    @POST
    @Path("/chargebacks")
    public Uni<RestResponse<LedgerEntry>> chargeBack(@PathParam("tenantId") String tenantId, ChargeBackRequest body) {
        ChargeBackRequest b = Bodies.require(body);
        return credits.chargeBack(Ids.require("tenantId", tenantId), b.idempotencyKey(), Bodies.reason(b.reason()))
                .map(AccountResource::created);
    }

    @AdminOnly
    @POST
    @Path("/refunds")
    public Uni<RestResponse<LedgerEntry>> refund(@PathParam("tenantId") String tenantId, RefundRequest body) {
        RefundRequest b = Bodies.require(body);
        return credits.refund(Ids.require("tenantId", tenantId), Ids.require("jobId", b.jobId()), b.amount(),
                Bodies.reason(b.reason()), Ids.optional("actor", b.actor())).map(AccountResource::created);
    }

    /**
     * An amount past a long's range ({@code 99999999999999999999}) is refused by Jackson before the endpoint's own check:
     * it is answered with the endpoint's range, as an amount just past it is (it was told a long's range, which is no
     * amount this API takes). Any other refusal of a body's value is the shared mappers' answer.
     */
    @ServerExceptionMapper
    public Response amountPastItsType(InvalidFormatException e, SimpleResourceInfo endpoint, UriInfo uri) {
        String range = WholeNumbers.OUT_OF_RANGE.equals(e.getOriginalMessage()) && !e.getPath().isEmpty()
                && "amount".equals(e.getPath().get(e.getPath().size() - 1).getFieldName()) ? Bodies.amountRange(endpoint.getMethodName()) : null;
        return range == null ? SHARED_MAPPERS.mismatchedJson(e, uri)
                : ProblemMappers.respond(BillingProblems.invalidField("amount", range), uri);
    }

    private Uni<AccountView> view(Account account) {
        return catalog.catalog().map(c -> AccountView.of(account, c.plan(account.plan())));
    }

    private static RestResponse<LedgerEntry> created(Booked booked) {
        LedgerEntry view = Views.entry(booked.entry());
        return booked.created() ? RestResponse.status(RestResponse.Status.CREATED, view) : RestResponse.ok(view);
    }
}
