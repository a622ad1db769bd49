package io.realskin.contracts;

/**
 * billing.events payload for DEBITED, RELEASED, LOW_BALANCE and GRANTED. Amounts are whole credits.
 *
 * @param amount    credits moved by this event (0 for LOW_BALANCE)
 * @param available the account's spendable credits after it
 * @param reason    e.g. the plan for a grant, the ledger entry kind
 */
public record BillingEvent(long amount, long available, String reason) {
}
