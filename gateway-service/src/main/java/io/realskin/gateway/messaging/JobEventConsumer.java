package io.realskin.gateway.messaging;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.realskin.contracts.EventEnvelope;
import io.realskin.contracts.EventJson;
import io.realskin.contracts.JobTrace;
import io.realskin.gateway.service.JobEventService;
import io.realskin.support.messaging.OutageRetry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * job.events into the job registry, one record at a time. While PostgreSQL (or the blob store) is away the record is
 * held and retried until it answers ({@link OutageRetry}): nothing is dead-lettered for an outage. A record that
 * cannot be applied for another reason (not an event, a missing result blob, a statement the data breaks) goes to
 * job.events.dlq and the consumer goes on.
 */
@ApplicationScoped
public class JobEventConsumer {
    public static final String CHANNEL = "job-events";
    private static final Logger LOG = Logger.getLogger(JobEventConsumer.class);

    private final JobEventService service;
    private final OutageRetry retry = new OutageRetry("gateway job.events");

    public JobEventConsumer(JobEventService service) {
        this.service = service;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        EventEnvelope event = EventJson.readEnvelope(record.value());
        Context trace = JobTrace.fromHeaders(record.headers());
        // apply() blocks (transaction, result blob, a billing call for a follow-up step): off the event loop, and
        // each attempt on whichever worker thread runs it enters the job's trace there
        return retry.run(() -> Uni.createFrom().<Void>item(() -> {
            try (Scope ignored = JobTrace.enter(trace, record.key())) {
                service.apply(event);
            }
            return null;
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool()))
                .onFailure().invoke(f -> LOG.warnf(f, "%s event %s of job %s cannot be applied; it goes to the dead-letter topic",
                        event.type(), event.eventId(), event.jobId()));
    }
}
