package io.realskin.contracts.billing;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Answer of GET /accounts/{tenantId}/ledger, newest first; {@code nextCursor} is null on the last page. */
public record LedgerPage(List<LedgerEntry> items,
                         @Schema(nullable = true, description = "pass back as cursor for the next page; null on the last") String nextCursor) {
}
