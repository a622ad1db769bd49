package io.realskin.billing.domain;

import java.util.List;

/**
 * The key of each ledger entry, unique per tenant. Keys derived from the job or the period make a repeated effect
 * collide with the first one in the unique index instead of being booked twice; a client's key (an admin grant, a
 * purchase, an adjustment) is its tenant's own, so the same key for another tenant books that tenant's entry.
 */
public final class IdempotencyKeys {
    public static String hold(String jobId) {
        return "hold:" + jobId;
    }

    public static String capture(String jobId) {
        return "capture:" + jobId;
    }

    public static String release(String jobId) {
        return "release:" + jobId;
    }

    public static String refund(String jobId) {
        return "refund:" + jobId;
    }

    /** What a job's CANCELED gives back of a capture booked before it (the gateway's cancel came after the worker's COMPLETED). */
    public static String canceledRefund(String jobId) {
        return "cancel-refund:" + jobId;
    }

    /** The keys of every entry that names the job (its hold, capture, release and refunds: {@link LedgerEntry}'s). */
    public static List<String> ofJob(String jobId) {
        return List.of(hold(jobId), capture(jobId), release(jobId), refund(jobId), canceledRefund(jobId));
    }

    public static String monthlyGrant(String tenantId, String period) {
        return "grant:" + tenantId + ":" + period;
    }

    /** The top-up when a plan change raises this period's grant. */
    public static String planGrant(String tenantId, String period, String plan) {
        return "grant:" + tenantId + ":" + period + ":" + plan;
    }

    public static String expiry(String tenantId, String period) {
        return "expiry:" + tenantId + ":" + period;
    }

    public static String purchase(String clientKey) {
        return "purchase:" + clientKey;
    }

    public static String adminGrant(String clientKey) {
        return "admin-grant:" + clientKey;
    }

    public static String adjust(String clientKey) {
        return "adjust:" + clientKey;
    }

    /**
     * The referrer's commission on a buyer's purchase: booked on the referrer's account, so it names the buyer (two
     * buyers may use one purchase key). Before 2026-12-06, when keys were unique across tenants: {@code referral:<purchase key>}.
     */
    public static String referralCommission(String buyerTenantId, String purchaseKey) {
        return "commission:" + buyerTenantId + ":" + purchaseKey;
    }

    private IdempotencyKeys() {
    }
}
