package io.realskin.billing.domain;

import io.realskin.contracts.EventEnvelope;
import io.realskin.contracts.EventTypes;

/**
 * How a job's hold ends.
 *
 * @param actual what a COMPLETED job consumed (null: the quote stands); unused for releases
 * @param event  the job event that asks for it; null for billing's own settlements (a release the gateway asked for, an
 *               expiry)
 */
public record Settlement(String jobId, Outcome outcome, Workload actual, String reason, EventEnvelope event) {

    public Settlement(String jobId, Outcome outcome, Workload actual, String reason) {
        this(jobId, outcome, actual, reason, null);
    }

    /** Billing's own release of a hold not settled within its TTL. */
    public static Settlement expiry(String jobId) {
        return new Settlement(jobId, Outcome.EXPIRE, null, "hold expired");
    }

    /** The gateway's CANCELED: the user's (or an operator's) cancel, which decides the job's charge (docs/billing.md). */
    public boolean canceled() {
        return event != null && EventTypes.CANCELED.equals(event.type());
    }

    /** False when a job event may not settle this hold: it names another tenant ({@link EventEnvelope#mayChangeJobOf}). */
    public boolean fits(Hold hold) {
        return event == null || event.mayChangeJobOf(hold.tenantId());
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
