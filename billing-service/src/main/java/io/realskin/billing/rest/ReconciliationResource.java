package io.realskin.billing.rest;

import io.realskin.billing.service.Ids;
import io.realskin.billing.service.ReconciliationService;
import io.realskin.billing.service.ReconciliationService.Report;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** Balances against ledger sums and open holds; {@code drift} must be 0. Every tenant's: admin only. */
@AdminOnly
@Path("/reconciliation")
@Produces(MediaType.APPLICATION_JSON)
public class ReconciliationResource {
    private final ReconciliationService reconciliation;

    public ReconciliationResource(ReconciliationService reconciliation) {
        this.reconciliation = reconciliation;
    }

    @GET
    public Uni<Report> reconcile(@QueryParam("tenantId") String tenantId) {
        return reconciliation.reconcile(tenantId == null || tenantId.isBlank() ? null : Ids.require("tenantId", tenantId));
    }
}
