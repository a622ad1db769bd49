package io.realskin.billing.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * A reservation of credits for one job.
 *
 * @param grantPeriod the account's grant period when the hold was placed (null for holds settled before it was kept)
 * @param placedAt    when the hold was placed (its transaction's time)
 */
public record Hold(UUID holdId, String jobId, String tenantId, long amount, Long captured, HoldStatus status, int priceVersion,
                   Workload quoted, String grantPeriod, Instant placedAt) {
}
