package io.realskin.contracts.billing;

import java.time.OffsetDateTime;

/** One booking of an account's ledger; the answer of the grant, purchase, adjustment and refund calls. */
public record LedgerEntry(long id, String kind, long amount, String jobId, String idempotencyKey, String reason,
                          OffsetDateTime createdAt) {
}
