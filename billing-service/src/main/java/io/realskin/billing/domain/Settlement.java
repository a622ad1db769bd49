package io.realskin.billing.domain;

/**
 * How a job's hold ends.
 *
 * @param actual what a COMPLETED job consumed (null: the quote stands); unused for releases
 */
public record Settlement(String jobId, Outcome outcome, Workload actual, String reason) {

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
