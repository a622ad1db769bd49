package io.realskin.generation.resilience;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * The wait before attempt {@code n + 1}: {@code base * 2^(n-1)} capped at {@code max}, with "equal jitter" (a random
 * point in its upper half) so that many jobs that failed together do not come back together; a provider's
 * {@code Retry-After} wins when it is longer.
 */
public final class Backoff {
    private final Duration base;
    private final Duration max;
    private final DoubleSupplier random;

    public Backoff(Duration base, Duration max) {
        this(base, max, () -> ThreadLocalRandom.current().nextDouble());
    }

    Backoff(Duration base, Duration max, DoubleSupplier random) {
        this.base = base;
        this.max = max;
        this.random = random;
    }

    /** @param attempt the attempt that just failed, from 1 */
    public Duration delay(int attempt, Duration retryAfter) {
        double exponential = base.toNanos() * Math.pow(2, Math.min(30, attempt - 1));
        double capped = Math.min(exponential, max.toNanos());
        Duration jittered = Duration.ofNanos((long) (capped / 2 + random.getAsDouble() * capped / 2));
        return retryAfter != null && retryAfter.compareTo(jittered) > 0 ? retryAfter : jittered;
    }
}
