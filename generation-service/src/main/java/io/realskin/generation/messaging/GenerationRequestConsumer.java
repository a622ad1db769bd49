package io.realskin.generation.messaging;

import io.opentelemetry.context.Scope;
import io.realskin.contracts.JobTrace;
import io.realskin.generation.service.GenerationJobService;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * generation.requests, group {@code generation-workers}. Jobs mostly wait on providers, so many run at once on their
 * own worker pool ({@code smallrye.messaging.worker.generation-jobs.max-concurrency}); each provider's bulkhead bounds
 * the calls. A record that throws goes to generation.requests.dlq.
 */
@ApplicationScoped
public class GenerationRequestConsumer {
    public static final String CHANNEL = "generation-requests";

    private final GenerationJobService jobs;

    public GenerationRequestConsumer(GenerationJobService jobs) {
        this.jobs = jobs;
    }

    @Incoming(CHANNEL)
    @Blocking(value = "generation-jobs", ordered = false)
    public void consume(ConsumerRecord<String, String> record) {
        try (Scope ignored = JobTrace.enter(JobTrace.fromHeaders(record.headers()), record.key())) {
            jobs.handle(record.key(), record.value());
        }
    }
}
