package io.realskin.gateway.jobs;

/**
 * Who canceled a job, as the job's {@code error.message} tells its tenant (the code is {@code canceled} either way):
 * the tenant itself, or an operator with an admin key. The operator's key stays in the gateway's log.
 */
public enum CanceledBy {
    TENANT("canceled by the user"),
    OPERATOR("canceled by an operator");

    private final String message;

    CanceledBy(String message) {
        this.message = message;
    }

    String message() {
        return message;
    }
}
