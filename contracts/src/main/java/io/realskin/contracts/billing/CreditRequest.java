package io.realskin.contracts.billing;

/** Body of the grant, purchase and adjustment calls; billing books one entry per idempotency key. */
public record CreditRequest(Long amount, String idempotencyKey, String reason) {
    /**
     * The most credits one grant, purchase or adjustment moves (either sign): far more than any plan or purchase moves,
     * and far from where a balance's bigint would overflow. Billing enforces it; the gateway's admin API checks it first.
     */
    public static final long MAX_AMOUNT = 1_000_000_000L;
}
