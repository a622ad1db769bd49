package io.realskin.contracts.billing;

/** Body of POST /holds: reserve what {@code quote} costs for the job; billing keeps one hold per job id. */
public record HoldRequest(String tenantId, String jobId, Quote quote) {
}
