package io.realskin.billing.domain;

import java.util.UUID;

/** A reservation of credits for one job. */
public record Hold(UUID holdId, String jobId, String tenantId, long amount, Long captured, HoldStatus status, int priceVersion,
                   Workload quoted) {
}
