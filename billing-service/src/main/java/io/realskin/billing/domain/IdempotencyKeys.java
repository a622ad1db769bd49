package io.realskin.billing.domain;

import io.realskin.contracts.blob.BlobKeys;
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

    /** What a charge-back was owed, taken back from the job's released hold (docs/billing.md, "Referrals"). */
    public static String chargeBackRecovery(String jobId) {
        return "chargeback-recovery:" + jobId;
    }

    /**
     * What a charge-back was owed, taken out of a give-back of the job's charge ({@code giveBackKey}: its admin refund's
     * or its cancel's key), a job placed before the charge-back (docs/billing.md, "Referrals").
     */
    public static String chargeBackRecoveryOf(String giveBackKey) {
        return "chargeback-recovery:" + giveBackKey;
    }

    /** The keys of every entry that names the job (its hold, capture, release, refunds and a charge-back's recoveries: {@link LedgerEntry}'s). */
    public static List<String> ofJob(String jobId) {
        return List.of(hold(jobId), capture(jobId), release(jobId), refund(jobId), canceledRefund(jobId), chargeBackRecovery(jobId),
                chargeBackRecoveryOf(refund(jobId)), chargeBackRecoveryOf(canceledRefund(jobId)));
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
     * The referrer's commission on a buyer's purchase, booked on the referrer's account: one per buyer and purchase (two
     * buyers may use one purchase key), yet naming neither, since the referrer reads its own ledger: a digest of the two.
     * Until 2026-12-07 {@code commission:<buyer>:<purchase key>} ({@link #legacyReferralCommissions}).
     */
    public static String referralCommission(String buyerTenantId, String purchaseKey) {
        return "commission:" + digest(buyerTenantId + "\n" + purchaseKey);
    }

    /** The keys a commission on this purchase was booked under before 2026-12-07 (2026-12-06 and before it). */
    public static List<String> legacyReferralCommissions(String buyerTenantId, String purchaseKey) {
        return List.of("commission:" + buyerTenantId + ":" + purchaseKey, "referral:" + purchaseKey);
    }

    /** A commission taken back because the purchase it was earned on was reversed (one per commission). */
    public static String commissionReversal(String commissionKey) {
        return "commission-reversal:" + digest(commissionKey);
    }

    /** A purchase reversed at the payment provider (a charge-back): once per purchase. */
    public static String chargeBack(String clientKey) {
        return "chargeback:" + clientKey;
    }

    /** Whether an entry of this key is a referral commission (of any era). */
    public static boolean isReferralCommission(String key) {
        return key.startsWith("commission:") || key.startsWith("referral:");
    }

    /** The key a referrer is shown for a commission: the entry's own now, a digest of an older one that named the buyer. */
    public static String shownToReferrer(String commissionKey) {
        return commissionKey.startsWith("commission:") && commissionKey.indexOf(':', "commission:".length()) < 0
                ? commissionKey : "commission:" + digest(commissionKey);
    }

    /** The first 32 hex digits of the text's SHA-256. */
    private static String digest(String text) {
        return BlobKeys.sha256Hex(text).substring(0, 32);
    }

    private IdempotencyKeys() {
    }
}
