package io.realskin.texture.service;

import io.realskin.contracts.FailureCodes;

/**
 * A job whose cancel has arrived while it ran: thrown from its progress (the engine stops at the stage it was
 * starting) or while it waited for the blob store to answer.
 */
public class JobCanceledException extends JobRejectedException {
    public JobCanceledException(String stage) {
        this(FailureCodes.CANCELED, "canceled while it ran; stopped before its " + stage + " stage");
    }

    private JobCanceledException(String code, String message) {
        super(code, message);
    }

    static JobCanceledException whileWaitingForTheStore() {
        return new JobCanceledException(FailureCodes.CANCELED, "canceled while it waited for the blob store; not finished");
    }
}
