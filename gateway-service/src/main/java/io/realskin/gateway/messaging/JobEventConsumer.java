package io.realskin.gateway.messaging;

import io.opentelemetry.context.Scope;
import io.realskin.contracts.EventJson;
import io.realskin.contracts.JobTrace;
import io.realskin.gateway.service.JobEventService;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** job.events into the job registry; a record that cannot be applied goes to job.events.dlq and the consumer goes on. */
@ApplicationScoped
public class JobEventConsumer {
    public static final String CHANNEL = "job-events";

    private final JobEventService service;

    public JobEventConsumer(JobEventService service) {
        this.service = service;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        try (Scope ignored = JobTrace.enter(JobTrace.fromHeaders(record.headers()), record.key())) {
            service.apply(EventJson.readEnvelope(record.value()));
        }
    }
}
