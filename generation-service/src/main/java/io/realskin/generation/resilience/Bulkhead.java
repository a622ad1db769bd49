package io.realskin.generation.resilience;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * At most {@code slots} calls in flight with one provider key (BFL allows 24 concurrent tasks per key); the others
 * wait, bounded by their job's deadline, so a burst queues instead of tripping the provider's limits for everyone.
 * Waiting calls are served by tenant in turn, each tenant's in arrival order: a freed slot goes to the tenant that has
 * waited since longest without one, so one tenant's hundred queued jobs delay another tenant's job by at most one
 * slot's turn, not by all of them (a plain FIFO queue would serve the hundred first).
 */
public final class Bulkhead {
    private final int slots;
    private final ReentrantLock lock = new ReentrantLock();
    /** Tenants with waiting calls, in turn order; each tenant's calls oldest first. */
    private final LinkedHashMap<String, ArrayDeque<Waiter>> waiting = new LinkedHashMap<>();
    private int inFlight;

    private static final class Waiter {
        final Condition granted;
        boolean slot;

        Waiter(Condition granted) {
            this.granted = granted;
        }
    }

    public Bulkhead(int slots) {
        this.slots = slots;
    }

    /** True when a slot was taken within {@code wait}; {@code tenant} is whose turn the wait takes. */
    public boolean acquire(String tenant, Duration wait) {
        lock.lock();
        try {
            if (inFlight < slots && waiting.isEmpty()) {
                inFlight++;
                return true;
            }
            Waiter waiter = new Waiter(lock.newCondition());
            waiting.computeIfAbsent(tenant, t -> new ArrayDeque<>()).add(waiter);
            long nanos = Math.max(0, wait.toNanos());
            try {
                while (!waiter.slot) {
                    if (nanos <= 0) {
                        forget(tenant, waiter);
                        return false;
                    }
                    nanos = waiter.granted.awaitNanos(nanos);
                }
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                if (waiter.slot) {
                    handOver(); // granted as the interrupt came: pass the slot on
                } else {
                    forget(tenant, waiter);
                }
                return false;
            }
        } finally {
            lock.unlock();
        }
    }

    public void release() {
        lock.lock();
        try {
            handOver();
        } finally {
            lock.unlock();
        }
    }

    /** The freed slot goes to the first call of the tenant whose turn it is, who then goes to the back; else it is free. */
    private void handOver() {
        Iterator<Map.Entry<String, ArrayDeque<Waiter>>> turns = waiting.entrySet().iterator();
        if (!turns.hasNext()) {
            inFlight--;
            return;
        }
        Map.Entry<String, ArrayDeque<Waiter>> next = turns.next();
        turns.remove();
        Waiter waiter = next.getValue().poll();
        if (!next.getValue().isEmpty()) {
            waiting.put(next.getKey(), next.getValue());
        }
        waiter.slot = true;
        waiter.granted.signal();
    }

    private void forget(String tenant, Waiter waiter) {
        ArrayDeque<Waiter> queue = waiting.get(tenant);
        if (queue != null && queue.remove(waiter) && queue.isEmpty()) {
            waiting.remove(tenant);
        }
    }

    public int inFlight() {
        lock.lock();
        try {
            return inFlight;
        } finally {
            lock.unlock();
        }
    }

    public int slots() {
        return slots;
    }
}
