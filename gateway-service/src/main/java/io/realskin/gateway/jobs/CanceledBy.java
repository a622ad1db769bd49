package io.realskin.gateway.jobs;

/**
 * Who canceled a job, as the job's {@code error.message} tells its tenant (the code is {@code canceled} either way):
 * the tenant itself, or an operator with an admin key. The operator's key stays in the gateway's log.
 */
public enum CanceledBy {
    TENANT("canceled by the user", "tenant"),
    OPERATOR("canceled by an operator", "operator");

    private final String message;
    private final String tag;

    CanceledBy(String message, String tag) {
        this.message = message;
        this.tag = tag;
    }

    /** The {@code by} label of {@code realskin_gateway_jobs_canceled_total}. */
    String tag() {
        return tag;
    }

    String message() {
        return message;
    }
}
