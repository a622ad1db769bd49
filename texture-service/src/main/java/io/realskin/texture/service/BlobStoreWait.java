package io.realskin.texture.service;

import io.realskin.contracts.EventEnvelope;
import io.realskin.support.messaging.JobCancels;
import io.realskin.support.messaging.OutageRetry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * A texture job's calls to the blob store, which wait out an outage of the store (docs/operations.md, "When the blob
 * store is away"): a call that fails with an IOException (S3 unreachable or answering an error, a failing disk) is
 * tried again after 200 ms, doubling up to 5 s, each delay +-50 % jitter, for as long as it takes, like the consumers
 * that wait for PostgreSQL. The job keeps its thread and its record stays unacknowledged meanwhile; it neither fails
 * nor goes to the dead-letter topic, whose replay could not revive a job that had ended FAILED. A job canceled while
 * it waits ends FAILED {@code canceled}. A blob that is missing is no outage: the store answered.
 */
@ApplicationScoped
public class BlobStoreWait {
    private static final Logger LOG = Logger.getLogger(BlobStoreWait.class);

    /** One call to the store. */
    public interface Call<T> {
        T call() throws IOException;
    }

    private final JobCancels cancels;
    private final Duration first;
    private final Duration max;
    private final AtomicInteger waiting = new AtomicInteger();

    @Inject
    public BlobStoreWait(JobCancels cancels) {
        this(cancels, OutageRetry.FIRST_BACKOFF, OutageRetry.MAX_BACKOFF);
    }

    BlobStoreWait(JobCancels cancels, Duration first, Duration max) {
        this.cancels = cancels;
        this.first = first;
        this.max = max;
    }

    /** Jobs of this process waiting for the store to answer now. */
    public int waiting() {
        return waiting.get();
    }

    /**
     * The call's answer, once the store gives one. {@code what} names the call in the log ("read images/t1/...").
     *
     * @throws JobCanceledException when the job is canceled while it waits
     */
    public <T> T call(EventEnvelope request, String what, Call<T> call) {
        int failures = 0;
        long start = System.nanoTime();
        long delay = first.toMillis();
        try {
            while (true) {
                try {
                    T answer = call.call();
                    if (failures > 0) {
                        LOG.infof("job %s: the blob store answers again; %s went through after %d failed attempts in %d s",
                                request.jobId(), what, failures, Duration.ofNanos(System.nanoTime() - start).toSeconds());
                    }
                    return answer;
                } catch (IOException e) {
                    if (failures++ == 0) {
                        waiting.incrementAndGet();
                        LOG.warnf("job %s: blob store unavailable (%s: %s); the job waits and tries again until it answers",
                                request.jobId(), what, e.toString());
                    }
                    if (cancels.isCanceled(request.tenantId(), request.jobId())) {
                        throw JobCanceledException.whileWaitingForTheStore();
                    }
                    sleep(delay, e);
                    delay = Math.min(delay * 2, max.toMillis());
                }
            }
        } finally {
            if (failures > 0) {
                waiting.decrementAndGet();
            }
        }
    }

    private static void sleep(long delayMillis, IOException cause) {
        long jittered = Math.max(1, Math.round(delayMillis * (0.5 + ThreadLocalRandom.current().nextDouble())));
        try {
            Thread.sleep(jittered);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException("interrupted while the blob store was unavailable", cause);
        }
    }
}
