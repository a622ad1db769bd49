package io.realskin.texture.service;

import io.realskin.support.messaging.BlobStoreWait;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Locale;

/**
 * The worker's meters (Prometheus names at /q/metrics): {@code realskin_texture_job_duration_seconds} by mode
 * (histogram and p50/p90/p99), {@code realskin_texture_megapixels_total}, {@code realskin_texture_jobs_in_flight},
 * {@code realskin_texture_jobs_queued}, {@code realskin_texture_jobs_waiting_for_store} (jobs waiting out an outage of
 * the blob store), {@code realskin_texture_jobs_completed_total}, {@code realskin_texture_jobs_failed_total} by code
 * and {@code realskin_texture_jobs_replayed_total}, {@code realskin_texture_jobs_canceled_total} (canceled jobs skipped
 * before they started or stopped while they ran; also in jobs_failed_total{code="canceled"}; the cancel reader's own
 * count is {@code realskin_cancels_skipped_total}, service-support's JobCancels). Consumer lag comes from the Kafka
 * client's own meters ({@code kafka_consumer_fetch_manager_records_lag*}).
 */
@Startup // its gauges exist before the first job ends (a fresh replica's queue is what the dashboard watches)
@ApplicationScoped
public class TextureMetrics {
    private final MeterRegistry registry;

    public TextureMetrics(MeterRegistry registry, TextureWorkerPool pool, SourceRestoreHeap heap, BlobStoreWait store) {
        this.registry = registry;
        Gauge.builder("realskin.texture.jobs.waiting.for.store", store, BlobStoreWait::waiting)
                .description("Texture jobs waiting for the blob store to answer (an outage of the store)").register(registry);
        Gauge.builder("realskin.texture.source.restore.heap.reserved", heap, SourceRestoreHeap::reservedBytes).baseUnit("bytes")
                .description("Heap reserved by 2x source-restores running now (SourceRestoreHeap)").register(registry);
        Gauge.builder("realskin.texture.source.restore.heap.budget", heap, SourceRestoreHeap::budgetBytes).baseUnit("bytes")
                .description("Heap 2x source-restores may take together in this process").register(registry);
        Gauge.builder("realskin.texture.jobs.in.flight", pool, TextureWorkerPool::inFlight)
                .description("Texture jobs running in this process").register(registry);
        Gauge.builder("realskin.texture.jobs.queued", pool, TextureWorkerPool::queued)
                .description("Texture jobs held by this process and waiting for a thread").register(registry);
        Gauge.builder("realskin.texture.worker.threads", pool, TextureWorkerPool::size)
                .description("Size of the texture worker pool").register(registry);
    }

    public void completed(String mode, Duration took, double megapixels) {
        String m = mode.toLowerCase(Locale.ROOT);
        Timer.builder("realskin.texture.job.duration").description("Texture job time, from record to COMPLETED")
                .tag("mode", m).publishPercentiles(0.5, 0.9, 0.99).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(10)).maximumExpectedValue(Duration.ofMinutes(5))
                .register(registry).record(took);
        Counter.builder("realskin.texture.megapixels").description("Megapixels of the images worked on")
                .tag("mode", m).register(registry).increment(megapixels);
        Counter.builder("realskin.texture.jobs.completed").description("Texture jobs this process completed")
                .tag("mode", m).register(registry).increment();
    }

    public void failed(String code) {
        Counter.builder("realskin.texture.jobs.failed").description("Texture jobs that ended FAILED, by code")
                .tag("code", code).register(registry).increment();
    }

    /** A job canceled before it started (skipped) or while it ran (stopped at its next stage). */
    public void canceled() {
        Counter.builder("realskin.texture.jobs.canceled").description("Texture jobs skipped or stopped because they were canceled")
                .register(registry).increment();
    }


    /** A redelivered request for a job already done: its COMPLETED was re-emitted without working again. */
    public void replayed() {
        Counter.builder("realskin.texture.jobs.replayed").description("Redelivered requests answered from the stored result")
                .register(registry).increment();
    }
}
