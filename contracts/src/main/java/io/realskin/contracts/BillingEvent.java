package io.realskin.contracts;

/**
 * billing.events payload for DEBITED, RELEASED, LOW_BALANCE and GRANTED. Amounts are whole credits.
 *
 * @param amount              credits moved by this event (0 for LOW_BALANCE); for a RELEASED or a GRANTED of a refund,
 *                            what went back to the account's {@code available}
 * @param available           the account's spendable credits after it
 * @param reason              e.g. the plan for a grant, the ledger entry kind
 * @param chargebackRecovered optional (absent: 0): of the credits a RELEASED or a refund's GRANTED gave back, those that
 *                            paid what a charge-back was owed instead of going back to the account (billing's
 *                            docs, "Referrals"); {@code amount} plus this is what the hold released or the refund gave
 */
public record BillingEvent(long amount, long available, String reason, Long chargebackRecovered) {

    public BillingEvent(long amount, long available, String reason) {
        this(amount, available, reason, null);
    }
}
