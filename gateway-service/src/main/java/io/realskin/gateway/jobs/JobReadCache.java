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

    /**
     * The tenant's job. Only its own tenant is answered from memory: another tenant's id is looked up as a missing one
     * is (the query, which filters by tenant, finds nothing), so neither the answer nor its time tells the one from the
     * other (until 2026-12-07 a job cached for its tenant was a 404 from memory to any other, a missing one after a
     * database round trip).
     */
    public Uni<Optional<Job>> find(String tenantId, String jobId) {
        Entry entry = entries.get(jobId);
        if (entry != null && tenantId.equals(entry.job().tenantId())
                && (entry.job().status().terminal() || entry.expiresAtNanos() - System.nanoTime() > 0)) {
            return Uni.createFrom().item(Optional.of(entry.job()));
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
