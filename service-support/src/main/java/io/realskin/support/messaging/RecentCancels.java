package io.realskin.support.messaging;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.function.LongSupplier;

/**
 * The jobs a worker process saw canceled lately, so it can skip or stop them. Bounded in count and in age: when full
 * the oldest entry goes, and an entry older than {@code maxAge} is forgotten, so a flood of cancels holds at most
 * {@code maxEntries}, and a cancel of a job that had ended (or whose request never comes) leaves nothing behind.
 */
public final class RecentCancels {
    private final int maxEntries;
    private final long maxAgeNanos;
    private final LongSupplier clock;
    /** Oldest first: insertion order, an entry added again moves to the end. */
    private final LinkedHashMap<String, Long> seen = new LinkedHashMap<>();

    public RecentCancels(int maxEntries, Duration maxAge) {
        this(maxEntries, maxAge, System::nanoTime);
    }

    /** {@code clock} in nanoseconds, as {@link System#nanoTime()}. */
    public RecentCancels(int maxEntries, Duration maxAge, LongSupplier clock) {
        if (maxEntries < 1 || maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("recent cancels need max-entries >= 1 and a positive max-age");
        }
        this.maxEntries = maxEntries;
        this.maxAgeNanos = maxAge.toNanos();
        this.clock = clock;
    }

    public synchronized void add(String tenantId, String jobId) {
        long now = clock.getAsLong();
        String key = key(tenantId, jobId);
        seen.remove(key);
        seen.put(key, now);
        forgetOld(now);
        Iterator<Long> oldest = seen.values().iterator();
        while (seen.size() > maxEntries) {
            oldest.next();
            oldest.remove();
        }
    }

    public synchronized boolean contains(String tenantId, String jobId) {
        forgetOld(clock.getAsLong());
        return seen.containsKey(key(tenantId, jobId));
    }

    public synchronized int size() {
        forgetOld(clock.getAsLong());
        return seen.size();
    }

    private void forgetOld(long now) {
        Iterator<Long> oldest = seen.values().iterator();
        while (oldest.hasNext() && now - oldest.next() > maxAgeNanos) {
            oldest.remove();
        }
    }

    /** Tenant and job: a cancel names both, and a job id is only ever matched within its tenant. */
    private static String key(String tenantId, String jobId) {
        return tenantId + '\n' + jobId;
    }
}
