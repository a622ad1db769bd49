package io.realskin.contracts.billing;

/** Body of PUT /accounts/{tenantId}: open the account with this plan, or change its plan. */
public record PlanRequest(String plan) {
}
