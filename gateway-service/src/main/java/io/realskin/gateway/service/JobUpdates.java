package io.realskin.gateway.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * In-process "job changed" signals for SSE streams on this replica. A stream also re-reads its job on a timer,
 * because the job.events record may have been consumed by another replica.
 */
@ApplicationScoped
public class JobUpdates {
    private final ConcurrentHashMap<String, Set<Runnable>> listeners = new ConcurrentHashMap<>();
    private final JobReadCache cache;

    public JobUpdates(JobReadCache cache) {
        this.cache = cache;
    }

    /** Registers a listener; run the returned action to remove it. */
    public Runnable listen(String jobId, Runnable listener) {
        listeners.computeIfAbsent(jobId, id -> new CopyOnWriteArraySet<>()).add(listener);
        return () -> listeners.computeIfPresent(jobId, (id, set) -> {
            set.remove(listener);
            return set.isEmpty() ? null : set;
        });
    }

    public void publish(String jobId) {
        cache.invalidate(jobId);
        Set<Runnable> set = listeners.get(jobId);
        if (set != null) {
            set.forEach(Runnable::run);
        }
    }
}
