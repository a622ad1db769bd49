package io.realskin.generation.resilience;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * At most {@code slots} calls in flight with one provider key (BFL allows 24 concurrent tasks per key); the others
 * wait in arrival order, bounded by their job's deadline, so one busy tenant's burst queues instead of tripping the
 * provider's limits for everyone.
 */
public final class Bulkhead {
    private final int slots;
    private final Semaphore permits;

    public Bulkhead(int slots) {
        this.slots = slots;
        this.permits = new Semaphore(slots, true);
    }

    /** True when a slot was taken within {@code wait}. */
    public boolean acquire(Duration wait) {
        try {
            return permits.tryAcquire(Math.max(0, wait.toNanos()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public void release() {
        permits.release();
    }

    public int inFlight() {
        return slots - permits.availablePermits();
    }

    public int slots() {
        return slots;
    }
}
