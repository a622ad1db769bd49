package io.realskin.support.messaging;

/** A job that ends FAILED with a stable code (contracts' FailureCodes) and a message for its owner; no retry fixes it. */
public class JobFailureException extends RuntimeException {
    private final String code;

    public JobFailureException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
