package io.realskin.contracts.billing;

import java.util.UUID;

/** Answer of POST /holds (201 new, 200 the job's existing hold), with the account's credits after it. */
public record PlacedHold(UUID holdId, String jobId, String tenantId, long amount, long available, long held) {
}
