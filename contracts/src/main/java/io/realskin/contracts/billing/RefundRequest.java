package io.realskin.contracts.billing;

/**
 * Body of POST /accounts/{tenantId}/refunds: all of the job's capture when {@code amount} is null; {@code actor} as in
 * {@link CreditRequest}.
 */
public record RefundRequest(String jobId, Long amount, String reason, String actor) {
}
