package io.realskin.gateway.jobs;

import io.realskin.gateway.config.GatewayConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads of one job, cached per replica: a job that has ended never changes again and stays cached; a job still going
 * is kept for {@code realskin.jobs.read-cache-ttl} (250 ms) and dropped at once when this replica applies a change to
 * it ({@link JobUpdates}). So a client polling GET /v1/jobs/{id} sees a change made on another replica at most that
 * much later, and a poll storm costs no database round trips.
 */
@ApplicationScoped
public class JobReadCache {
    private static final int MAX_ENTRIES = 100_000;

    private record Entry(Job job, long expiresAtNanos) {
    }

    private final JobRepository jobs;
    private final long ttlNanos;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

    public JobReadCache(JobRepository jobs, GatewayConfig config) {
        this.jobs = jobs;
        this.ttlNanos = config.jobs().readCacheTtl().toNanos();
    }

    public Uni<Optional<Job>> find(String tenantId, String jobId) {
        Entry entry = entries.get(jobId);
        if (entry != null && (entry.job().status().terminal() || entry.expiresAtNanos() - System.nanoTime() > 0)) {
            return Uni.createFrom().item(tenantId.equals(entry.job().tenantId()) ? Optional.of(entry.job()) : Optional.empty());
        }
        return jobs.find(tenantId, jobId).invoke(found -> found.ifPresent(this::remember));
    }

    /** A job as this replica has just read or written it (a submit answers from here without reading it back). */
    public void remember(Job job) {
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(job.id(), new Entry(job, System.nanoTime() + ttlNanos));
    }

    public void invalidate(String jobId) {
        entries.remove(jobId);
    }
}
