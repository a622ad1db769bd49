package io.realskin.contracts.billing;

/** Body of POST /quotes: the work, flat, with the tenant whose plan decides whether it is allowed (optional). */
public record QuoteRequest(String tenantId, String operation, String model, Double megapixels, Double maskedFraction) {
    public Quote quote() {
        return new Quote(operation, model, megapixels, maskedFraction);
    }
}
