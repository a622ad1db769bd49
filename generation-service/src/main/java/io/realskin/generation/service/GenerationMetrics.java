package io.realskin.generation.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.realskin.contracts.FailureCodes;
import io.realskin.generation.resilience.CircuitBreaker;
import io.realskin.support.messaging.BlobStoreWait;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Meters at /q/metrics: {@code realskin_generation_finish_seconds} (the adapter's own time per job: provider answer
 * received to COMPLETED acknowledged by Kafka, by provider) and its steps {@code realskin_generation_finish_step_seconds}
 * (by provider and step: read, check or composite, store, journal, publish), {@code realskin_generation_jobs_completed_total},
 * {@code realskin_generation_jobs_failed_total} by code, {@code realskin_generation_jobs_replayed_total},
 * {@code realskin_generation_retries_total} by provider, {@code realskin_generation_references_without_consent_total}
 * ({@link ReferenceConsent}), {@code realskin_generation_jobs_canceled_total} (jobs stopped or
 * skipped because they were canceled; also in jobs_failed_total{code="canceled"}; the cancel reader's skipped records
 * are service-support's {@code realskin_cancels_skipped_total}), and per provider the bulkhead's
 * {@code realskin_generation_provider_in_flight} and {@code realskin_generation_provider_circuit_open}, and the heap reserved
 * for jobs' input images, {@code realskin_generation_input_memory_reserved_bytes} of
 * {@code realskin_generation_input_memory_budget_bytes}, and the jobs waiting for it,
 * {@code realskin_generation_input_memory_waiting} ({@link InputMemory}), and the jobs waiting out an outage of the blob
 * store, {@code realskin_generation_jobs_waiting_for_store} ({@link BlobStoreWait}). Created at
 * start, so the per-provider gauges exist before the first job (the dashboard and the ProviderCircuitOpen alert read
 * them on a replica that has not worked yet).
 */
@Startup
@ApplicationScoped
public class GenerationMetrics {
    private final MeterRegistry registry;

    public GenerationMetrics(MeterRegistry registry, Providers providers, InputMemory inputs, BlobStoreWait store) {
        this.registry = registry;
        Gauge.builder("realskin.generation.jobs.waiting.for.store", store, BlobStoreWait::waiting)
                .description("Generation jobs waiting for the blob store to answer (an outage of the store)").register(registry);
        Gauge.builder("realskin.generation.input.memory.reserved", inputs, InputMemory::reservedBytes).baseUnit("bytes")
                .description("Heap reserved for jobs' input images now (InputMemory)").register(registry);
        Gauge.builder("realskin.generation.input.memory.budget", inputs, InputMemory::budgetBytes).baseUnit("bytes")
                .description("Heap jobs' input images may take at once").register(registry);
        Gauge.builder("realskin.generation.input.memory.waiting", inputs, InputMemory::waitingJobs)
                .description("Jobs waiting for heap for their input images").register(registry);
        // at 0 from the start: the ProviderModelMissing alert's increase() sees the first such failure (a counter that
        // appears with it, already at 1, increases by nothing) and has a series to read before it
        failedCounter(FailureCodes.PROVIDER_MODEL_MISSING);
        providers.configured().forEach((name, p) -> {
            Gauge.builder("realskin.generation.provider.in.flight", p.guard().bulkhead(), b -> b.inFlight())
                    .description("Calls in flight with this provider's key").tag("provider", name).register(registry);
            Gauge.builder("realskin.generation.provider.circuit.open", p.guard().breaker(),
                    b -> b.state() == CircuitBreaker.State.OPEN ? 1 : 0)
                    .description("1 while the provider's circuit is open").tag("provider", name).register(registry);
        });
    }

    void completed(String provider, FinishClock finish) {
        Timer.builder("realskin.generation.finish").description("Provider answer received to COMPLETED acknowledged by Kafka")
                .tag("provider", provider).publishPercentiles(0.5, 0.9, 0.99).register(registry).record(finish.total());
        finish.steps().forEach((step, time) -> Timer.builder("realskin.generation.finish.step")
                .description("One step of the time from provider answer received to COMPLETED acknowledged")
                .tag("provider", provider).tag("step", step).register(registry).record(time));
        Counter.builder("realskin.generation.jobs.completed").tag("provider", provider).register(registry).increment();
    }

    public void failed(String code) {
        failedCounter(code).increment();
    }

    private Counter failedCounter(String code) {
        return Counter.builder("realskin.generation.jobs.failed").description("Generation jobs that ended FAILED, by code")
                .tag("code", code).register(registry);
    }

    /** A job with reference images whose record carried no consent field (a gateway of before the field), worked all the same. */
    void referencesWithoutConsent() {
        Counter.builder("realskin.generation.references.without.consent")
                .description("Jobs with reference images whose record carried no consent (an older gateway), worked while it is not required")
                .register(registry).increment();
    }

    public void replayed() {
        Counter.builder("realskin.generation.jobs.replayed").description("Redelivered requests answered from the stored outcome")
                .register(registry).increment();
    }

    void canceled() {
        Counter.builder("realskin.generation.jobs.canceled").description("Generation jobs stopped or skipped because they were canceled")
                .register(registry).increment();
    }


    public void retried(String provider) {
        Counter.builder("realskin.generation.retries").description("Provider calls tried again").tag("provider", provider)
                .register(registry).increment();
    }
}
