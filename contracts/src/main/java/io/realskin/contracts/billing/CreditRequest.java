package io.realskin.contracts.billing;

/**
 * Body of the grant, purchase and adjustment calls; billing books one entry per idempotency key. {@code actor}: the id
 * of the admin key that asked (the gateway's admin API sends it), recorded with a grant or an adjustment; null for none.
 */
public record CreditRequest(Long amount, String idempotencyKey, String reason, String actor) {
    /**
     * The most credits one grant, purchase or adjustment moves (either sign): far more than any plan or purchase moves,
     * and far from where a balance's bigint would overflow. Billing enforces it; the gateway's admin API checks it first.
     */
    public static final long MAX_AMOUNT = 1_000_000_000L;
}
