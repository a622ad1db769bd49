package io.realskin.generation.resilience;

import io.realskin.support.fair.FairPermits;
import java.time.Duration;

/**
 * At most {@code slots} calls in flight with one provider key (BFL allows 24 concurrent tasks per key); the others
 * wait, bounded by their job's deadline, so a burst queues instead of tripping the provider's limits for everyone.
 * Waiting calls are served by tenant in turn ({@link FairPermits}).
 */
public final class Bulkhead {
    private final FairPermits slots;

    public Bulkhead(int slots) {
        this.slots = new FairPermits(slots);
    }

    /** True when a slot was taken within {@code wait}; {@code tenant} is whose turn the wait takes. */
    public boolean acquire(String tenant, Duration wait) {
        return slots.acquire(tenant, 1, wait);
    }

    public void release() {
        slots.release(1);
    }

    public int inFlight() {
        return (int) slots.inUse();
    }

    public int slots() {
        return (int) slots.capacity();
    }
}
