package io.realskin.billing.domain;

import io.realskin.contracts.EventEnvelope;

/**
 * How a job's hold ends.
 *
 * @param actual what a COMPLETED job consumed (null: the quote stands); unused for releases
 * @param eventTenant the tenant the job event that asks for it names; null for billing's own settlements (a release
 *                    the gateway asked for, an expiry)
 */
public record Settlement(String jobId, Outcome outcome, Workload actual, String reason, String eventTenant) {

    public Settlement(String jobId, Outcome outcome, Workload actual, String reason) {
        this(jobId, outcome, actual, reason, null);
    }

    /**
     * False when a job event names another tenant than the hold's: a broken or forged producer, whose event must
     * not settle another tenant's hold. A worker's FAILED for a request record it could not read names no tenant
     * ({@link EventEnvelope#UNKNOWN_TENANT}) and still releases its job's hold.
     */
    public boolean fits(Hold hold) {
        return eventTenant == null || eventTenant.equals(hold.tenantId())
                || outcome == Outcome.RELEASE && EventEnvelope.UNKNOWN_TENANT.equals(eventTenant);
    }

    public enum Outcome {
        /** COMPLETED: capture the actual cost, at most the hold; release the rest. */
        CAPTURE(HoldStatus.CAPTURED),
        /** FAILED, CANCELED or a release by the gateway. */
        RELEASE(HoldStatus.RELEASED),
        /** Not settled within the TTL. */
        EXPIRE(HoldStatus.EXPIRED);

        private final HoldStatus status;

        Outcome(HoldStatus status) {
            this.status = status;
        }

        public HoldStatus status() {
            return status;
        }
    }
}
