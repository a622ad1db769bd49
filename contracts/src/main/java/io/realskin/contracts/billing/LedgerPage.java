package io.realskin.contracts.billing;

import java.util.List;

/** Answer of GET /accounts/{tenantId}/ledger, newest first; {@code nextCursor} is null on the last page. */
public record LedgerPage(List<LedgerEntry> items, String nextCursor) {
}
