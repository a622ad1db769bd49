package io.realskin.billing.domain;

/**
 * A ledger entry to append. {@code availableDelta} and {@code heldDelta} are what it does to the account, so that the
 * balances are always the sums of the ledger (which /reconciliation checks). {@code actor}: the admin key that booked
 * it (a grant, adjustment or refund through the gateway's admin API), null for the rest.
 */
public record LedgerEntry(
        String tenantId,
        LedgerKind kind,
        long amount,
        long availableDelta,
        long heldDelta,
        String jobId,
        String idempotencyKey,
        String reason,
        String actor) {

    public LedgerEntry(String tenantId, LedgerKind kind, long amount, long availableDelta, long heldDelta, String jobId,
                       String idempotencyKey, String reason) {
        this(tenantId, kind, amount, availableDelta, heldDelta, jobId, idempotencyKey, reason, null);
    }

    /** This entry, booked by {@code actor} (an admin key's id; null: none). */
    public LedgerEntry by(String actor) {
        return new LedgerEntry(tenantId, kind, amount, availableDelta, heldDelta, jobId, idempotencyKey, reason, actor);
    }

    public static LedgerEntry grant(String tenantId, long amount, String idempotencyKey, String reason) {
        return new LedgerEntry(tenantId, LedgerKind.GRANT, amount, amount, 0, null, idempotencyKey, reason);
    }

    public static LedgerEntry purchase(String tenantId, long amount, String idempotencyKey, String reason) {
        return new LedgerEntry(tenantId, LedgerKind.PURCHASE, amount, amount, 0, null, idempotencyKey, reason);
    }

    public static LedgerEntry hold(String tenantId, String jobId, long amount) {
        return new LedgerEntry(tenantId, LedgerKind.HOLD, amount, -amount, amount, jobId, IdempotencyKeys.hold(jobId), null);
    }

    public static LedgerEntry capture(String tenantId, String jobId, long amount, String reason) {
        return new LedgerEntry(tenantId, LedgerKind.CAPTURE, amount, 0, -amount, jobId, IdempotencyKeys.capture(jobId), reason);
    }

    public static LedgerEntry release(String tenantId, String jobId, long amount, String reason) {
        return new LedgerEntry(tenantId, LedgerKind.RELEASE, amount, amount, -amount, jobId, IdempotencyKeys.release(jobId), reason);
    }

    public static LedgerEntry refund(String tenantId, String jobId, long amount, String reason) {
        return new LedgerEntry(tenantId, LedgerKind.REFUND, amount, amount, 0, jobId, IdempotencyKeys.refund(jobId), reason);
    }

    /** A canceled job's capture given back (a REFUND under the job's cancel key: an admin's refund of the job keeps its own). */
    public static LedgerEntry canceledRefund(String tenantId, String jobId, long amount, String reason) {
        return new LedgerEntry(tenantId, LedgerKind.REFUND, amount, amount, 0, jobId, IdempotencyKeys.canceledRefund(jobId), reason);
    }

    /** A signed correction by an operator. */
    public static LedgerEntry adjust(String tenantId, long signedAmount, String idempotencyKey, String reason) {
        return new LedgerEntry(tenantId, LedgerKind.ADJUST, signedAmount, signedAmount, 0, null, idempotencyKey, reason);
    }

    /**
     * Credits a charge-back was owed (they were reserved by open holds when it came), taken back from a job's released
     * hold: a negative ADJUST naming the job.
     */
    public static LedgerEntry chargeBackRecovery(String tenantId, String jobId, long amount) {
        return new LedgerEntry(tenantId, LedgerKind.ADJUST, -amount, -amount, 0, jobId, IdempotencyKeys.chargeBackRecovery(jobId),
                "charge-back: credits this job reserved when a purchase was reversed, taken back as its hold was released");
    }

    /**
     * Credits a charge-back is owed, taken out of what is given back of the charge of a job placed before it (an admin's
     * refund {@code refund:<job>} or its cancel's {@code cancel-refund:<job>}): a negative ADJUST naming the job.
     */
    public static LedgerEntry chargeBackRecoveryOf(LedgerEntry giveBack, long amount) {
        return new LedgerEntry(giveBack.tenantId(), LedgerKind.ADJUST, -amount, -amount, 0, giveBack.jobId(),
                IdempotencyKeys.chargeBackRecoveryOf(giveBack.idempotencyKey()),
                "charge-back: credits of a reversed purchase this job was charged, taken back as its charge was given back");
    }

    public static LedgerEntry expiry(String tenantId, long amount, String idempotencyKey, String reason) {
        return new LedgerEntry(tenantId, LedgerKind.EXPIRY, amount, -amount, 0, null, idempotencyKey, reason);
    }
}
