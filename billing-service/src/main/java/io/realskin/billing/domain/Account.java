package io.realskin.billing.domain;

public record Account(String tenantId, String plan, long available, long held, String referralCode, String referredBy,
                      String grantPeriod, long periodGranted) {
}
