package io.realskin.billing.service;

import io.realskin.billing.config.BillingConfig;
import io.realskin.support.outbox.OutboxRecord;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** LOW_BALANCE is announced once per crossing of the threshold, not on every debit below it. */
@ApplicationScoped
public class LowBalanceCheck {
    private final long threshold;

    public LowBalanceCheck(BillingConfig config) {
        this.threshold = config.lowBalanceThreshold();
    }

    public Optional<OutboxRecord> after(String tenantId, String jobOrKey, long before, long after) {
        return before >= threshold && after < threshold
                ? Optional.of(BillingEvents.lowBalance(tenantId, jobOrKey, after, threshold))
                : Optional.empty();
    }
}
