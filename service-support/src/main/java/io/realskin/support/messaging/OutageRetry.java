package io.realskin.support.messaging;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Runs a consumer's work until it succeeds or fails for a reason that is not an {@link Outages outage}. During an
 * outage the returned Uni stays pending and the work is tried again after a capped, jittered exponential backoff:
 * the record in hand is neither acknowledged nor dead-lettered, the connector stops asking for more and, once its
 * buffer is full, pauses the partitions (it keeps polling, so the consumer keeps its place in the group); when the
 * work passes, the record is acknowledged and consumption resumes where it stopped. Any other failure is returned
 * at once, for the caller to dead-letter.
 */
public final class OutageRetry {
    private static final Logger LOG = Logger.getLogger(OutageRetry.class);
    public static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    public static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final String consumer;
    private final Duration first;
    private final Duration max;

    /** With the default backoff: 200 ms doubling up to 5 s, each delay +-50 % jitter. */
    public OutageRetry(String consumer) {
        this(consumer, FIRST_BACKOFF, MAX_BACKOFF);
    }

    public OutageRetry(String consumer, Duration first, Duration max) {
        this.consumer = consumer;
        this.first = first;
        this.max = max;
    }

    public <T> Uni<T> run(Supplier<Uni<T>> work) {
        AtomicInteger failures = new AtomicInteger();
        long start = System.nanoTime();
        return Uni.createFrom().<T>deferred(work::get)
                .onFailure(Outages::isOutage).invoke(f -> {
                    if (failures.getAndIncrement() == 0) {
                        LOG.warnf("%s: infrastructure unavailable (%s); holding the record and retrying until it answers",
                                consumer, f.toString());
                    }
                })
                .onFailure(Outages::isOutage).retry().withBackOff(first, max).withJitter(0.5).indefinitely()
                .invoke(() -> {
                    if (failures.get() > 0) {
                        LOG.infof("%s: infrastructure answers again; the record went through after %d failed attempts in %d s",
                                consumer, failures.get(), Duration.ofNanos(System.nanoTime() - start).toSeconds());
                    }
                });
    }
}
