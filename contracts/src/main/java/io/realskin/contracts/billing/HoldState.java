package io.realskin.contracts.billing;

import java.util.UUID;

/** Answer of GET and DELETE /holds/{jobId}: {@code status} is HELD, CAPTURED, RELEASED or EXPIRED. */
public record HoldState(UUID holdId, String jobId, String tenantId, long amount, String status, Long captured, int priceVersion) {
}
