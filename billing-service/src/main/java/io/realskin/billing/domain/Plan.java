package io.realskin.billing.domain;

/**
 * A plan and its entitlements.
 *
 * @param maxOutputMegapixels largest generated image; null for no limit
 * @param requestsPerMinute   the gateway's rate limit for the plan
 */
public record Plan(String code, long monthlyGrant, boolean premiumModels, Double maxOutputMegapixels, int requestsPerMinute) {
}
