package io.realskin.gateway.jobs;

import io.realskin.gateway.problems.Problems;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/** Reading jobs, including waiting a bounded time for one to finish ({@code Prefer: wait=N}). */
@ApplicationScoped
public class JobQueryService {
    private static final Duration POLL = Duration.ofMillis(200);

    private final JobReadCache jobs;

    public JobQueryService(JobReadCache jobs) {
        this.jobs = jobs;
    }

    /** The job as this replica last read it (see {@link JobReadCache}: at most 250 ms old for a job still going). */
    public Uni<Job> get(String tenantId, String jobId) {
        return jobs.find(tenantId, jobId).map(found -> found.orElseThrow(() -> Problems.notFound("job", jobId)));
    }

    /** The job once it has ended, or as it is when {@code wait} runs out. */
    public Uni<Job> awaitEnd(String tenantId, String jobId, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        return get(tenantId, jobId).chain(job -> job.status().terminal() || System.nanoTime() >= deadline
                ? Uni.createFrom().item(job)
                : Uni.createFrom().voidItem().onItem().delayIt().by(POLL)
                        .chain(() -> awaitEnd(tenantId, jobId, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))));
    }
}
