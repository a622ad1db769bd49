package io.realskin.contracts.billing;

/** Body of the grant, purchase and adjustment calls; billing books one entry per idempotency key. */
public record CreditRequest(Long amount, String idempotencyKey, String reason) {
}
