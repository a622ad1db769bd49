package io.realskin.billing.rest;

import io.realskin.billing.rest.Views.EntryView;
import io.realskin.billing.rest.Views.LedgerPage;
import io.realskin.billing.service.Ids;
import io.realskin.billing.service.LedgerQueryService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** An account's ledger, newest first; pass {@code nextCursor} back as {@code cursor} for the next page. */
@Path("/accounts/{tenantId}/ledger")
@Produces(MediaType.APPLICATION_JSON)
public class LedgerResource {
    private final LedgerQueryService ledger;

    public LedgerResource(LedgerQueryService ledger) {
        this.ledger = ledger;
    }

    @GET
    public Uni<LedgerPage> page(@PathParam("tenantId") String tenantId, @QueryParam("jobId") String jobId,
                                @QueryParam("kind") String kind, @QueryParam("cursor") String cursor,
                                @QueryParam("limit") Integer limit) {
        return ledger.page(Ids.require("tenantId", tenantId), Ids.optional("jobId", blankToNull(jobId)), kind, cursor, limit)
                .map(page -> new LedgerPage(page.items().stream().map(EntryView::of).toList(), page.nextCursor()));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
