package io.realskin.billing.rest;

import io.realskin.billing.service.Ids;
import io.realskin.billing.service.QuoteService;
import io.realskin.contracts.billing.QuoteAnswer;
import io.realskin.contracts.billing.QuoteRequest;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** What a job would cost now; with a tenantId, also whether its plan allows it. Reserves nothing. */
@Path("/quotes")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class QuoteResource {
    private final QuoteService quotes;
    private final ServiceCaller caller;

    public QuoteResource(QuoteService quotes, ServiceCaller caller) {
        this.quotes = quotes;
        this.caller = caller;
    }

    @POST
    public Uni<QuoteAnswer> quote(QuoteRequest body) {
        QuoteRequest b = Bodies.require(body);
        caller.requireTenant(b.tenantId());
        return quotes.quote(Ids.optional("tenantId", b.tenantId()), Bodies.workload(b.quote(), ""))
                .map(q -> new QuoteAnswer(q.work().operation(), q.work().model(), q.tier(), q.amount(), q.priceVersion(), q.allowed(), q.reason()));
    }
}
