package io.realskin.billing.messaging;

import io.opentelemetry.context.Scope;
import io.realskin.billing.domain.JobOutcome;
import io.realskin.billing.repository.JobEventProgressRepository;
import io.realskin.billing.repository.Transactions;
import io.realskin.billing.service.JobEventService;
import io.realskin.contracts.ContractViolation;
import io.realskin.contracts.JobTrace;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.realskin.support.messaging.DeadLetters;
import io.realskin.support.messaging.OutageRetry;
import io.realskin.support.metrics.ConsumerProgress;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Consumes job.events in batches: one transaction per batch, offsets committed only after it. Poison goes to the
 * dead-letter topic and the consumer goes on; a database that is down is waited for ({@link OutageRetry}), never
 * dead-lettered.
 */
@ApplicationScoped
public class JobEventConsumer {
    private static final Logger LOG = Logger.getLogger(JobEventConsumer.class);

    private final JobEventService service;
    private final DeadLetterPublisher deadLetters;
    private final OutboxRelay relay;
    private final ConsumerProgress progress;
    private final JobEventProgressRepository applied;
    private final Transactions tx;
    private final OutageRetry retry = new OutageRetry("billing job.events");

    public JobEventConsumer(JobEventService service, DeadLetterPublisher deadLetters, OutboxRelay relay, ConsumerProgress progress,
                            JobEventProgressRepository applied, Transactions tx) {
        this.service = service;
        this.deadLetters = deadLetters;
        this.relay = relay;
        this.progress = progress;
        this.applied = applied;
        this.tx = tx;
    }

    private record Parsed(KafkaRecord<String, String> record, JobOutcome outcome, String violation) {
    }

    @Incoming(Channels.JOB_EVENTS)
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        List<TopicPartition> positions = batch.getRecords().stream()
                .map(r -> new TopicPartition(r.getTopic(), r.getPartition())).toList();
        return progress.track(positions, () -> apply(batch));
    }

    private Uni<Void> apply(KafkaRecordBatch<String, String> batch) {
        List<Parsed> parsed = new ArrayList<>();
        List<Parsed> poison = new ArrayList<>();
        for (KafkaRecord<String, String> record : batch.getRecords()) {
            try {
                Optional<JobOutcome> outcome = JobEventParser.parse(record.getPayload());
                outcome.ifPresent(o -> parsed.add(new Parsed(record, o, null)));
            } catch (ContractViolation e) {
                poison.add(new Parsed(record, null, e.getMessage()));
            }
        }
        return Multi.createFrom().iterable(poison)
                .onItem().transformToUniAndConcatenate(p -> deadLetters.send(p.record(), DeadLetters.CONTRACT_VIOLATION, p.violation()))
                .collect().last()
                .flatMap(v -> applyBatch(parsed))
                .call(effects -> recordApplied(batch))
                .invoke(effects -> {
                    if (!parsed.isEmpty()) {
                        relay.wakeUp();
                    }
                    parsed.forEach(p -> logApplied(p, effects));
                })
                .flatMap(v -> Uni.createFrom().completionStage(batch.ack()));
    }

    /**
     * Each partition of the batch is applied through its last record: what {@code HoldExpiryJob} waits for before it
     * expires a hold (an event produced before the expiry may still be queued). After the batch's own transaction, so
     * the row never claims more than is applied; a failure here only leaves the row behind, which defers expiry.
     */
    private Uni<Void> recordApplied(KafkaRecordBatch<String, String> batch) {
        Map<TopicPartition, JobEventProgressRepository.Applied> through = new HashMap<>();
        for (KafkaRecord<String, String> record : batch.getRecords()) {
            long offset = record.getMetadata(IncomingKafkaRecordMetadata.class).map(IncomingKafkaRecordMetadata::getOffset).orElse(-1L);
            Instant at = record.getTimestamp() == null ? Instant.EPOCH : record.getTimestamp();
            through.merge(new TopicPartition(record.getTopic(), record.getPartition()),
                    new JobEventProgressRepository.Applied(record.getTopic(), record.getPartition(), offset + 1, at),
                    (a, b) -> new JobEventProgressRepository.Applied(a.topic(), a.partition(), Math.max(a.nextOffset(), b.nextOffset()),
                            a.appliedThrough().isAfter(b.appliedThrough()) ? a.appliedThrough() : b.appliedThrough()));
        }
        through.values().removeIf(a -> a.nextOffset() <= 0);
        return retry.run(() -> applied.advance(tx.pool(), List.copyOf(through.values())))
                .onFailure().recoverWithUni(f -> {
                    LOG.warnf("job.events progress not recorded (%s): hold expiry waits for the next batch", f.toString());
                    return Uni.createFrom().voidItem();
                });
    }

    /**
     * One line per job event, in the job's trace: its trace id finds the job in every service's log. It says what the
     * event booked (a CANCELED after the job's capture gives that back; one after its release books nothing).
     */
    private static void logApplied(Parsed p, Map<UUID, String> effects) {
        try (Scope ignored = JobTrace.enter(JobTrace.fromHeaders(p.record().getHeaders()), p.outcome().settlement().jobId())) {
            LOG.infof("job %s: %s applied: %s", p.outcome().settlement().jobId(), p.outcome().type(),
                    effects.getOrDefault(p.outcome().eventId(), "nothing"));
        }
    }

    private Uni<Map<UUID, String>> applyBatch(List<Parsed> parsed) {
        if (parsed.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        List<JobOutcome> outcomes = parsed.stream().map(Parsed::outcome).toList();
        return retry.run(() -> service.apply(outcomes))
                .onFailure().recoverWithUni(failure -> {
                    LOG.warnf(failure, "a batch of %d job events failed; applying them one by one", parsed.size());
                    Map<UUID, String> effects = new HashMap<>();
                    return Multi.createFrom().iterable(parsed)
                            .onItem().transformToUniAndConcatenate(this::applyOne)
                            .invoke(effects::putAll)
                            .collect().last().replaceWith(effects);
                });
    }

    /** An error PostgreSQL reports about the statement (the transaction helper already retried deadlocks) isolates the event. */
    private Uni<Map<UUID, String>> applyOne(Parsed p) {
        return retry.run(() -> service.apply(List.of(p.outcome())))
                .onFailure().recoverWithUni(failure -> deadLetters.send(p.record(),
                        DeadLetters.codeOf(failure), failure.getMessage())
                        .replaceWith(Map.of(p.outcome().eventId(), "nothing: dead-lettered (" + failure.getMessage() + ")")));
    }
}
