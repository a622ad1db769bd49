package io.realskin.billing.rest;

import io.realskin.billing.service.Ids;
import io.realskin.billing.service.LedgerQueryService;
import io.realskin.contracts.billing.BillingExamples;
import io.realskin.contracts.billing.LedgerPage;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** An account's ledger, newest first; pass {@code nextCursor} back as {@code cursor} for the next page. */
@Path("/accounts/{tenantId}/ledger")
@Produces(MediaType.APPLICATION_JSON)
public class LedgerResource {
    private final LedgerQueryService ledger;

    public LedgerResource(LedgerQueryService ledger) {
        this.ledger = ledger;
    }

    @GET
    @APIResponse(responseCode = "200", description = "A page of entries", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = LedgerPage.class),
            examples = @ExampleObject(name = "ledger", value = BillingExamples.LEDGER)))
    public Uni<LedgerPage> page(@PathParam("tenantId") String tenantId, @QueryParam("jobId") String jobId,
                                @QueryParam("kind") String kind, @QueryParam("cursor") String cursor,
                                @Parameter(schema = @Schema(type = SchemaType.INTEGER)) @QueryParam("limit") String limit) {
        return ledger.page(Ids.require("tenantId", tenantId), Ids.optional("jobId", blankToNull(jobId)), kind, cursor,
                        QueryNumbers.optional("limit", limit))
                .map(page -> new LedgerPage(page.items().stream().map(Views::entry).toList(), page.nextCursor()));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
