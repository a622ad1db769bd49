package io.realskin.billing.messaging;

import io.opentelemetry.context.Scope;
import io.realskin.billing.domain.JobOutcome;
import io.realskin.billing.service.JobEventService;
import io.realskin.contracts.ContractViolation;
import io.realskin.contracts.JobTrace;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Consumes job.events in batches: one transaction per batch, offsets committed only after it. Poison goes to the
 * dead-letter topic and the consumer goes on; a database that is down is waited for, never dead-lettered.
 */
@ApplicationScoped
public class JobEventConsumer {
    private static final Logger LOG = Logger.getLogger(JobEventConsumer.class);
    private static final int DATA_ERROR_ATTEMPTS = 3;

    private final JobEventService service;
    private final DeadLetterPublisher deadLetters;
    private final OutboxRelay relay;

    public JobEventConsumer(JobEventService service, DeadLetterPublisher deadLetters, OutboxRelay relay) {
        this.service = service;
        this.deadLetters = deadLetters;
        this.relay = relay;
    }

    private record Parsed(KafkaRecord<String, String> record, JobOutcome outcome, String violation) {
    }

    @Incoming(Channels.JOB_EVENTS)
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
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
                .onItem().transformToUniAndConcatenate(p -> deadLetters.send(p.record(), DeadLetterPublisher.CONTRACT_VIOLATION, p.violation()))
                .collect().last()
                .flatMap(v -> applyBatch(parsed))
                .invoke(v -> {
                    if (!parsed.isEmpty()) {
                        relay.kick();
                    }
                    parsed.forEach(JobEventConsumer::logApplied);
                })
                .flatMap(v -> Uni.createFrom().completionStage(batch.ack()));
    }

    /** One line per job event, in the job's trace: its trace id finds the job in every service's log. */
    private static void logApplied(Parsed p) {
        try (Scope ignored = JobTrace.enter(JobTrace.fromHeaders(p.record().getHeaders()), p.outcome().settlement().jobId())) {
            LOG.infof("job %s: %s applied (%s)", p.outcome().settlement().jobId(), p.outcome().type(), p.outcome().settlement().outcome());
        }
    }

    private Uni<Void> applyBatch(List<Parsed> parsed) {
        if (parsed.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<JobOutcome> outcomes = parsed.stream().map(Parsed::outcome).toList();
        return waitingForDatabase(() -> service.apply(outcomes))
                .replaceWithVoid()
                .onFailure(f -> !isOutage(f)).recoverWithUni(failure -> {
                    LOG.warnf(failure, "a batch of %d job events failed; applying them one by one", parsed.size());
                    return Multi.createFrom().iterable(parsed)
                            .onItem().transformToUniAndConcatenate(this::applyOne)
                            .collect().last().replaceWithVoid();
                });
    }

    private Uni<Void> applyOne(Parsed p) {
        return waitingForDatabase(() -> service.apply(List.of(p.outcome())))
                .replaceWithVoid()
                .onFailure(f -> !isOutage(f))
                .recoverWithUni(failure -> deadLetters.send(p.record(), DeadLetterPublisher.PROCESSING_FAILED, failure.getMessage()));
    }

    /**
     * An outage (no connection, a closed pool, a timeout, a server shutting down) is retried until the database is
     * back, so no event is dead-lettered for it; only an error PostgreSQL reports about the statement itself is
     * retried a few times and then isolates the record (the transaction helper already retried deadlocks).
     */
    private static Uni<Integer> waitingForDatabase(java.util.function.Supplier<Uni<Integer>> work) {
        return Uni.createFrom().<Integer>deferred(work::get)
                .onFailure(JobEventConsumer::isOutage).invoke(f -> LOG.warnf("database unavailable, retrying: %s", f.toString()))
                .onFailure(JobEventConsumer::isOutage).retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).indefinitely()
                .onFailure(f -> !isOutage(f)).retry().withBackOff(Duration.ofMillis(50), Duration.ofMillis(500))
                .atMost(DATA_ERROR_ATTEMPTS - 1);
    }

    /** Money events are never dead-lettered for an infrastructure failure: only a statement error is about the data. */
    private static boolean isOutage(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PgException pg) {
                String state = pg.getSqlState() == null ? "" : pg.getSqlState();
                // 08 connection, 53 resources, 57 operator intervention (shutdown), 58 system error
                return state.startsWith("08") || state.startsWith("53") || state.startsWith("57") || state.startsWith("58");
            }
        }
        return true;
    }
}
