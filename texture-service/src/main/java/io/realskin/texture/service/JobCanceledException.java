package io.realskin.texture.service;

import io.realskin.contracts.FailureCodes;

/**
 * A job whose cancel has arrived while it ran: thrown from its progress (the engine stops at the stage it was
 * starting). One canceled while it waits for the blob store gets service-support's {@code BlobStoreWait.Canceled}.
 */
public class JobCanceledException extends JobRejectedException {
    public JobCanceledException(String stage) {
        super(FailureCodes.CANCELED, "canceled while it ran; stopped before its " + stage + " stage");
    }

    private JobCanceledException(String code, String message) {
        super(code, message);
    }

    /** The cancel arrived while the engine's last stage ran: the result it made is not stored. */
    public static JobCanceledException beforeItsResultWasStored() {
        return new JobCanceledException(FailureCodes.CANCELED, "canceled while it ran; its result was made but not stored");
    }
}
