package io.realskin.generation.service;

import org.jboss.logging.Logger;

/**
 * A job's thread ended by an {@link Error} (an {@link OutOfMemoryError}, a {@link StackOverflowError}, a
 * {@link LinkageError} of the image natives): the job did fail, and nothing would say so until the gateway's stale
 * check an hour later, the tenant's credits held meanwhile. So the job's FAILED {@code internal} is published, best
 * effort, and the Error is always thrown on, never swallowed: the consumer dead-letters the record as for any other
 * unexpected failure, and the JVM's own handling of the Error (its flags, the uncaught-exception path) is unchanged.
 * Under memory pressure the log line or the publish may fail in turn; that failure is added to the Error as suppressed
 * and the Error still goes on (docs/generation.md, "Failure codes").
 */
final class JobErrors {
    private static final Logger LOG = Logger.getLogger(JobErrors.class);

    private JobErrors() {
    }

    /** Logs, publishes the job's FAILED (best effort) and returns {@code error} for the caller to throw. */
    static Error failedAndRethrown(Error error, String jobId, Runnable publishFailed) {
        try {
            LOG.errorf(error, "generation job %s failed with an error", jobId);
            publishFailed.run();
        } catch (Throwable t) {
            if (t != error) {
                error.addSuppressed(t);
            }
        }
        return error;
    }
}
