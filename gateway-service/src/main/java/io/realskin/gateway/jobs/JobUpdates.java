package io.realskin.gateway.jobs;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.IntConsumer;

/**
 * "Job changed" signals for the SSE streams on this replica, from this replica's own changes and from PostgreSQL
 * notifications of every replica's ({@link JobHistoryListener}). A signal carries the sequence of the job's newest
 * change when it is known, so a stream that has it already does not read again.
 */
@ApplicationScoped
public class JobUpdates {
    /** The newest sequence is not known: every stream of the job reads its history. */
    public static final int UNKNOWN = Integer.MAX_VALUE;

    private final ConcurrentHashMap<String, Set<IntConsumer>> listeners = new ConcurrentHashMap<>();
    private final JobReadCache cache;

    public JobUpdates(JobReadCache cache) {
        this.cache = cache;
    }

    /** Registers a listener, called with the newest sequence (or {@link #UNKNOWN}); run the returned action to remove it. */
    public Runnable listen(String jobId, IntConsumer listener) {
        listeners.computeIfAbsent(jobId, id -> new CopyOnWriteArraySet<>()).add(listener);
        return () -> listeners.computeIfPresent(jobId, (id, set) -> {
            set.remove(listener);
            return set.isEmpty() ? null : set;
        });
    }

    public void publish(String jobId) {
        publish(jobId, UNKNOWN);
    }

    public void publish(String jobId, int newestSequence) {
        cache.invalidate(jobId);
        Set<IntConsumer> set = listeners.get(jobId);
        if (set != null) {
            set.forEach(listener -> listener.accept(newestSequence));
        }
    }

    /** Every watched job may have changed (notifications were missed while the listening connection was down). */
    public void publishAll() {
        listeners.keySet().forEach(this::publish);
    }

    /** The jobs that have a stream on this replica now. */
    public Set<String> watched() {
        return Set.copyOf(listeners.keySet());
    }
}
