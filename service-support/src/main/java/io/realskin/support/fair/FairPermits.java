package io.realskin.support.fair;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A number of permits (provider call slots, bytes of memory) shared by every tenant's jobs in this process. Waiting
 * requests are served by tenant in turn ({@link TenantTurns}). The request whose turn it is is
 * served before any other, even one that asks for fewer permits and would fit now: a large request is never starved by
 * a stream of small ones. With {@code maxWaitingPerTenant}, a tenant with that many requests waiting is refused at once
 * rather than queueing more: its burst holds that many threads, not one per request it sends.
 */
public final class FairPermits {
    private final long capacity;
    private final int maxWaitingPerTenant;
    private final ReentrantLock lock = new ReentrantLock();
    private final TenantTurns<Waiter> waiting = new TenantTurns<>();
    private long free;

    private static final class Waiter {
        final long permits;
        final Condition granted;
        boolean served;

        Waiter(long permits, Condition granted) {
            this.permits = permits;
            this.granted = granted;
        }
    }

    public FairPermits(long capacity) {
        this(capacity, Integer.MAX_VALUE);
    }

    public FairPermits(long capacity, int maxWaitingPerTenant) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, not " + capacity);
        }
        if (maxWaitingPerTenant < 0) {
            throw new IllegalArgumentException("maxWaitingPerTenant must be at least 0, not " + maxWaitingPerTenant);
        }
        this.capacity = capacity;
        this.maxWaitingPerTenant = maxWaitingPerTenant;
        this.free = capacity;
    }

    /**
     * True when {@code permits} were taken within {@code wait}, false when the wait ran out, the tenant already has
     * {@code maxWaitingPerTenant} requests waiting, or the thread was interrupted (its interrupt flag set again);
     * {@code tenant} is whose turn the wait takes.
     */
    public boolean acquire(String tenant, long permits, Duration wait) {
        if (permits < 1 || permits > capacity) {
            throw new IllegalArgumentException("permits must be 1 to " + capacity + ", not " + permits);
        }
        lock.lock();
        try {
            if (free >= permits && waiting.isEmpty()) {
                free -= permits;
                return true;
            }
            if (waiting.size(tenant) >= maxWaitingPerTenant) {
                return false;
            }
            Waiter waiter = new Waiter(permits, lock.newCondition());
            waiting.add(tenant, waiter);
            long nanos = Math.max(0, wait.toNanos());
            try {
                while (!waiter.served) {
                    if (nanos <= 0) {
                        forget(tenant, waiter);
                        return false;
                    }
                    nanos = waiter.granted.awaitNanos(nanos);
                }
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                if (waiter.served) {
                    free += permits; // granted as the interrupt came: pass the permits on
                } else {
                    forget(tenant, waiter);
                }
                serveInTurn();
                return false;
            }
        } finally {
            lock.unlock();
        }
    }

    public void release(long permits) {
        lock.lock();
        try {
            free += permits;
            serveInTurn();
        } finally {
            lock.unlock();
        }
    }

    /** Serves the first request of the tenant whose turn it is, who then goes to the back, for as long as it fits. */
    private void serveInTurn() {
        while (!waiting.isEmpty() && waiting.peek().permits <= free) {
            Waiter waiter = waiting.poll();
            free -= waiter.permits;
            waiter.served = true;
            waiter.granted.signal();
        }
    }

    /** A request that gave up; the one behind it may fit where it did not. */
    private void forget(String tenant, Waiter waiter) {
        waiting.remove(tenant, waiter);
        serveInTurn();
    }

    /** Permits taken now. */
    public long inUse() {
        lock.lock();
        try {
            return capacity - free;
        } finally {
            lock.unlock();
        }
    }

    /** Requests waiting now. */
    public int waiting() {
        lock.lock();
        try {
            return waiting.size();
        } finally {
            lock.unlock();
        }
    }

    public long capacity() {
        return capacity;
    }
}
