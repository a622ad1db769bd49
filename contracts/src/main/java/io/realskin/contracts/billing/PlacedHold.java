package io.realskin.contracts.billing;

import java.util.UUID;

/**
 * Answer of POST /holds (201 new, 200 the job's existing hold), with the account's credits after it. {@code status} is
 * the hold's, as in {@link HoldState}: HELD, or for an existing hold CAPTURED, RELEASED or EXPIRED, which pays for no
 * job any more (the caller must not start the job). Null only from a billing before 2026-12-06, which did not say.
 */
public record PlacedHold(UUID holdId, String jobId, String tenantId, long amount, long available, long held, String status) {

    /** True while the hold reserves credits for its job; null (a billing that did not say) is the hold it placed or kept. */
    public boolean reserves() {
        return status == null || "HELD".equals(status);
    }
}
