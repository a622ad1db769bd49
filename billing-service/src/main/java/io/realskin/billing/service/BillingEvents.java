package io.realskin.billing.service;

import io.realskin.support.outbox.OutboxRecord;
import io.realskin.contracts.BillingEvent;
import io.realskin.contracts.EventEnvelope;
import io.realskin.contracts.EventJson;
import io.realskin.contracts.EventTypes;
import io.realskin.contracts.Topics;

/**
 * billing.events records for the outbox. The key and the envelope's jobId are the job, or for an event without a job
 * (a grant, a purchase) the ledger entry's idempotency key.
 */
public final class BillingEvents {

    public static OutboxRecord debited(String tenantId, String jobId, long amount, long available, long held) {
        return record(EventTypes.DEBITED, tenantId, jobId, new BillingEvent(amount, available, "captured " + amount + " of " + held + " held"));
    }

    /**
     * {@code amount}: what went back to the account's {@code available}; {@code chargebackRecovered}: what paid a
     * charge-back's debt instead (the rest of the release; written only when some did).
     */
    public static OutboxRecord released(String tenantId, String jobId, long amount, long available, String reason, long chargebackRecovered) {
        return record(EventTypes.RELEASED, tenantId, jobId, new BillingEvent(amount, available, reason,
                chargebackRecovered > 0 ? chargebackRecovered : null));
    }

    public static OutboxRecord lowBalance(String tenantId, String jobOrKey, long available, long threshold) {
        return record(EventTypes.LOW_BALANCE, tenantId, jobOrKey, new BillingEvent(0, available, "below " + threshold));
    }

    public static OutboxRecord granted(String tenantId, String idempotencyKey, long amount, long available, String reason) {
        return record(EventTypes.GRANTED, tenantId, idempotencyKey, new BillingEvent(amount, available, reason));
    }

    /** A give-back (an admin's refund) of which {@code chargebackRecovered} paid a charge-back's debt, {@code amount} the rest. */
    public static OutboxRecord granted(String tenantId, String idempotencyKey, long amount, long available, String reason,
                                       long chargebackRecovered) {
        return record(EventTypes.GRANTED, tenantId, idempotencyKey, new BillingEvent(amount, available, reason,
                chargebackRecovered > 0 ? chargebackRecovered : null));
    }

    private static OutboxRecord record(String type, String tenantId, String jobId, BillingEvent payload) {
        String key = jobId.length() > 100 ? jobId.substring(0, 100) : jobId;
        return OutboxRecord.of(Topics.BILLING_EVENTS, key, EventJson.write(EventEnvelope.of(type, tenantId, key, payload)));
    }

    private BillingEvents() {
    }
}
