package io.realskin.billing.domain;

import java.time.Instant;

/**
 * @param periodGranted the plan's grant credited in {@code grantPeriod} (upgrade top-ups included)
 * @param periodUsed    credits captured by jobs whose hold was placed in {@code grantPeriod}
 * @param closedAt      when the account was closed (its tenant erased), null while open: nothing new is booked for it
 * @param chargebackOwed credits a charge-back could not take back yet, reserved by open holds: taken as those are
 *                       released (never more than {@code held})
 */
public record Account(String tenantId, String plan, long available, long held, String referralCode, String referredBy,
                      String grantPeriod, long periodGranted, long periodUsed, Instant closedAt, long chargebackOwed) {

    public boolean closed() {
        return closedAt != null;
    }

    /**
     * What is left of this period's grant: grant credits are spent first, by captures and by the credits open holds
     * reserve. Monthly renewal expires at most this (docs/billing.md, "Monthly renewal").
     */
    public long unusedGrant() {
        return Math.max(0, periodGranted - periodUsed - held);
    }
}
