package io.realskin.support.messaging;

import io.quarkus.arc.properties.IfBuildProperty;
import io.realskin.contracts.EventEnvelope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiPredicate;
import org.jboss.logging.Logger;

/**
 * A worker job's calls to the blob store, which wait out an outage of the store (docs/operations.md, "When the blob
 * store is away"): a call that fails with an IOException (S3 unreachable or answering an error, a failing disk) is
 * tried again after 200 ms, doubling up to 5 s, each delay +-50 % jitter, for as long as it takes, like the consumers
 * that wait for PostgreSQL ({@link OutageRetry}). The job keeps its thread and its record stays unacknowledged
 * meanwhile; it neither fails nor goes to the dead-letter topic, whose replay could not revive a job that had ended
 * FAILED. A job canceled while it waits gets {@link Canceled}. A blob that is missing is no outage: the store answered.
 * One bean per worker process (texture-service, generation-service: the services with {@link JobCancels}); each
 * service gauges {@link #waiting()} under its own name.
 */
@IfBuildProperty(name = "realskin.cancels.enabled", stringValue = "true")
@ApplicationScoped
public class BlobStoreWait {
    private static final Logger LOG = Logger.getLogger(BlobStoreWait.class);

    /** One call to the store. */
    public interface Call<T> {
        T call() throws IOException;
    }

    /** The job was canceled while it waited for the store: it ends FAILED {@code canceled}, unfinished. */
    public static final class Canceled extends RuntimeException {
        Canceled() {
            super("canceled while it waited for the blob store; not finished", null, false, false);
        }
    }

    private final BiPredicate<String, String> canceled;
    private final Duration first;
    private final Duration max;
    private final AtomicInteger waiting = new AtomicInteger();

    @Inject
    public BlobStoreWait(JobCancels cancels) {
        this(cancels::isCanceled, OutageRetry.FIRST_BACKOFF, OutageRetry.MAX_BACKOFF);
    }

    /** {@code canceled} tells by tenant and job id whether a job was canceled. */
    public BlobStoreWait(BiPredicate<String, String> canceled, Duration first, Duration max) {
        this.canceled = canceled;
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
     * @throws Canceled when the job is canceled while it waits
     */
    public <T> T call(EventEnvelope request, String what, Call<T> call) {
        int failures = 0;
        long start = System.nanoTime();
        Backoff backoff = new Backoff(first, max);
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
                    if (canceled.test(request.tenantId(), request.jobId())) {
                        throw new Canceled();
                    }
                    sleep(backoff, e);
                }
            }
        } finally {
            if (failures > 0) {
                waiting.decrementAndGet();
            }
        }
    }

    private static void sleep(Backoff backoff, IOException cause) {
        try {
            backoff.sleep();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException("interrupted while the blob store was unavailable", cause);
        }
    }
}
