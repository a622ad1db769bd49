package io.realskin.contracts.billing;

/** Answer of GET /accounts/{tenantId}/balance. */
public record Balance(String tenantId, String plan, long available, long held) {
}
