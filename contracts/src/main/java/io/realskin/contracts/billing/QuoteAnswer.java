package io.realskin.contracts.billing;

/** Answer of POST /quotes; {@code allowed} and {@code reason} only when a tenant was named. */
public record QuoteAnswer(String operation, String model, String tier, long amount, int priceVersion, Boolean allowed, String reason) {
}
