package io.realskin.gateway.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;

/**
 * Jobs that ended, as the dashboard and alerts read them: {@code realskin_gateway_job_duration_seconds} (submission to
 * end, by type and outcome; its count is the jobs by type and outcome), {@code realskin_gateway_jobs_failed_total}
 * by failure code and {@code realskin_gateway_jobs_canceled_total} by who canceled. Counted when the gateway records the
 * end. {@code realskin_gateway_job_results_left_total}: result blobs that came after their job's end (or its tenant's
 * erasure), named by no image, whose delete failed: left in the store for an operator (the WARN names each key); at 0
 * from the start.
 */
@Startup
@ApplicationScoped
public class JobMetrics {
    /** Buckets for percentiles: a preview-sized restore takes seconds, a big generation minutes. */
    private static final Duration[] BUCKETS = {Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
            Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(2),
            Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(30)};

    private final MeterRegistry registry;
    private final Counter resultsLeft;

    public JobMetrics(MeterRegistry registry) {
        this.registry = registry;
        // at 0 from the start (@Startup): a series that first appears at 1 loses that blob from increase()
        this.resultsLeft = registry.counter("realskin.gateway.job.results.left");
    }

    public void ended(Job job, JobStatus status, JsonNode error) {
        Timer.builder("realskin.gateway.job.duration").description("job time from submission to its end")
                .tag("type", job.type()).tag("outcome", status.wire())
                .serviceLevelObjectives(BUCKETS)
                .register(registry)
                .record(Duration.between(job.createdAt(), Instant.now()));
        if (status == JobStatus.FAILED) {
            String code = error == null ? "unknown" : error.path("code").asText("unknown");
            registry.counter("realskin.gateway.jobs.failed", "type", job.type(), "code", code).increment();
        }
    }

    /** A job canceled by its tenant or by an operator (counted besides {@link #ended}, which counts every end). */
    public void canceled(Job job, CanceledBy by) {
        registry.counter("realskin.gateway.jobs.canceled", "type", job.type(), "by", by.tag()).increment();
    }

    /** A late result no image names whose delete failed: nothing tries again, an operator removes it. */
    void resultLeft() {
        resultsLeft.increment();
    }
}
