package io.realskin.generation.provider;

/** The job was canceled (a CANCELED on job.events): whatever it was doing stops here, and it ends FAILED {@code canceled}. */
public final class JobCanceled extends RuntimeException {
    public JobCanceled(String message) {
        super(message, null, false, false);
    }
}
