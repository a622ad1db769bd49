package io.realskin.contracts.billing;

import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One booking of an account's ledger; the answer of the grant, purchase, adjustment and refund calls. */
public record LedgerEntry(long id, String kind, long amount, @Schema(nullable = true) String jobId,
                          @Schema(nullable = true) String idempotencyKey, @Schema(nullable = true) String reason,
                          OffsetDateTime createdAt) {
}
