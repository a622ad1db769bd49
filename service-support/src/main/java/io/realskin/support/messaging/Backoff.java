package io.realskin.support.messaging;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The delays of a worker thread that waits out an outage, blocking: {@code first} doubling up to {@code max}, each
 * +-50 % jitter so the workers of many replicas do not try again in step. One per wait.
 */
final class Backoff {
    private final long maxMillis;
    private long nextMillis;

    Backoff(Duration first, Duration max) {
        this.maxMillis = max.toMillis();
        this.nextMillis = Math.min(first.toMillis(), maxMillis);
    }

    /** Sleeps the next delay. */
    void sleep() throws InterruptedException {
        Thread.sleep(Math.max(1, Math.round(nextMillis * (0.5 + ThreadLocalRandom.current().nextDouble()))));
        nextMillis = Math.min(nextMillis * 2, maxMillis);
    }
}
