package io.realskin.gateway.jobs;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.realskin.contracts.ContractSchemas;
import io.realskin.contracts.ContractViolation;
import io.realskin.contracts.EventEnvelope;
import io.realskin.contracts.JobTrace;
import io.realskin.contracts.Topics;
import io.realskin.support.messaging.DeadLetters;
import io.realskin.support.messaging.OutageRetry;
import io.realskin.support.metrics.ConsumerProgress;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * job.events into the job registry, one record at a time. While PostgreSQL (or the blob store) is away the record is
 * held and retried until it answers ({@link OutageRetry}): nothing is dead-lettered for an outage. A record that
 * cannot be applied for another reason (one that breaks the topic's schema, a missing result blob, a statement the data
 * breaks) is nacked
 * with its {@link DeadLetters code and reason}: the connector writes it to job.events.dlq and the consumer goes on.
 */
@ApplicationScoped
public class JobEventConsumer {
    public static final String CHANNEL = "job-events";
    private static final Logger LOG = Logger.getLogger(JobEventConsumer.class);

    private final JobEventService service;
    private final ConsumerProgress progress;
    private final OutageRetry retry = new OutageRetry("gateway job.events");

    public JobEventConsumer(JobEventService service, ConsumerProgress progress) {
        this.service = service;
        this.progress = progress;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(Message<String> record) {
        List<TopicPartition> position = record.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(m -> List.of(new TopicPartition(m.getTopic(), m.getPartition()))).orElse(List.of());
        return progress.track(position, () -> apply(record));
    }

    private Uni<Void> apply(Message<String> record) {
        EventEnvelope event;
        try {
            // the topic's schema first (each type's payload too): a record that breaks it changes nothing, even for a
            // job that has ended (until 2026-12-07 a CANCELED with any payload was taken, and billing gave a charge back)
            event = ContractSchemas.readValid(Topics.JOB_EVENTS, record.getPayload());
        } catch (ContractViolation e) {
            LOG.warnf("a job.events record breaks the topic's schema (%s); it goes to the dead-letter topic", e.getMessage());
            return nack(record, e, DeadLetters.CONTRACT_VIOLATION);
        }
        var kafka = record.getMetadata(IncomingKafkaRecordMetadata.class);
        Context trace = JobTrace.fromHeaders(kafka.map(IncomingKafkaRecordMetadata::getHeaders).orElse(null));
        // apply() blocks (transaction, result blob, a billing call for a follow-up step): off the event loop, and
        // each attempt on whichever worker thread runs it enters the job's trace there
        return retry.run(() -> Uni.createFrom().<Void>item(() -> {
            try (Scope ignored = JobTrace.enter(trace, event.jobId())) {
                service.apply(event);
            }
            return null;
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool()))
                .chain(() -> Uni.createFrom().completionStage(record.ack()))
                .onFailure().recoverWithUni(f -> {
                    try (Scope ignored = JobTrace.enter(trace, event.jobId())) { // the line carries the job's id and trace
                        LOG.warnf(f, "%s event %s of job %s cannot be applied; it goes to the dead-letter topic",
                                event.type(), event.eventId(), event.jobId());
                    }
                    return nack(record, f, DeadLetters.codeOf(f));
                });
    }

    private static Uni<Void> nack(Message<String> record, Throwable failure, String code) {
        return Uni.createFrom().completionStage(record.nack(failure, DeadLetters.nack(code, String.valueOf(failure.getMessage()))));
    }
}
