package io.realskin.billing.domain;

import java.time.Instant;

/**
 * @param periodGranted the plan's grant credited in {@code grantPeriod} (upgrade top-ups included)
 * @param periodUsed    credits captured by jobs whose hold was placed in {@code grantPeriod}
 * @param closedAt      when the account was closed (its tenant erased), null while open: nothing new is booked for it
 * @param chargebackOwed credits a charge-back could not take back (reserved by open holds, or spent by jobs): taken out
 *                       of what is given back of the jobs placed before {@code chargebackAt} (a release, a refund)
 * @param chargebackAt   when the latest charge-back left credits owed (null: none did)
 */
public record Account(String tenantId, String plan, long available, long held, String referralCode, String referredBy,
                      String grantPeriod, long periodGranted, long periodUsed, Instant closedAt, long chargebackOwed,
                      Instant chargebackAt) {

    /**
     * What of {@code credits} given back of a job placed at {@code placedAt} pays what a charge-back is owed: all of it up
     * to the debt for a job placed before the latest charge-back that left one, nothing for a later one (its credits were
     * not counted by any charge-back).
     */
    public long owedOutOf(long credits, Instant placedAt) {
        return owedOutOf(credits, placedAt, 0);
    }

    /** As {@link #owedOutOf(long, Instant)}, after {@code paidBefore} of the debt were paid in the same transaction. */
    public long owedOutOf(long credits, Instant placedAt, long paidBefore) {
        if (chargebackAt == null || placedAt == null || placedAt.isAfter(chargebackAt)) {
            return 0;
        }
        return Math.max(0, Math.min(chargebackOwed - paidBefore, credits));
    }

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
