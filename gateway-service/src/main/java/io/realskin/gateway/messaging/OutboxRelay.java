package io.realskin.gateway.messaging;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.realskin.contracts.JobTrace;
import io.realskin.contracts.Topics;
import io.realskin.gateway.repository.OutboxRepository;
import io.realskin.gateway.repository.OutboxRepository.OutboxRecord;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Publishes outbox rows to Kafka in id order, then marks them published. Runs right after a submit and every second;
 * rows that could not be sent (Kafka down) stay and go out on a later run. Delivery is at-least-once: consumers
 * are idempotent on the job id. Each record continues the trace of the request that wrote its row.
 */
@ApplicationScoped
public class OutboxRelay {
    public static final String TEXTURE_CHANNEL = "texture-requests";
    public static final String GENERATION_CHANNEL = "generation-requests";
    public static final String JOB_EVENTS_CHANNEL = "job-events-out";
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final int BATCH = 200;
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);

    private final Pool pool;
    private final OutboxRepository outbox;
    private final Map<String, MutinyEmitter<String>> emitters;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    /** The scheduler starts before the Kafka channels are wired; the relay waits for the application to be up. */
    private volatile boolean started;

    public OutboxRelay(Pool pool, OutboxRepository outbox,
                       @Channel(TEXTURE_CHANNEL) MutinyEmitter<String> texture,
                       @Channel(GENERATION_CHANNEL) MutinyEmitter<String> generation,
                       @Channel(JOB_EVENTS_CHANNEL) MutinyEmitter<String> jobEvents) {
        this.pool = pool;
        this.outbox = outbox;
        this.emitters = Map.of(Topics.TEXTURE_REQUESTS, texture, Topics.GENERATION_REQUESTS, generation,
                Topics.JOB_EVENTS, jobEvents);
    }

    /** After the messaging connector's own start-up observers (a later priority runs later). */
    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_AFTER + 1000) StartupEvent event) {
        started = true;
    }

    /** Asks for a run now; a run already going takes one more turn instead. */
    public void wakeUp() {
        run().subscribe().with(ignored -> { }, e -> LOG.warnf("outbox relay: %s", e.getMessage()));
    }

    /** Skipped until the application runs: the first tick would otherwise create this bean before its emitters exist. */
    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> scheduled() {
        return run().onFailure().recoverWithNull();
    }

    Uni<Void> run() {
        if (!started) {
            return Uni.createFrom().voidItem();
        }
        if (!running.compareAndSet(false, true)) {
            again.set(true);
            return Uni.createFrom().voidItem();
        }
        again.set(false);
        return relayBatch()
                .eventually(() -> running.set(false))
                .chain(sent -> sent == BATCH || again.getAndSet(false) ? run() : Uni.createFrom().voidItem());
    }

    /** One transaction: lock a batch (SKIP LOCKED keeps replicas apart), send in order, mark what was sent. */
    private Uni<Integer> relayBatch() {
        return pool.withTransaction(tx -> outbox.lockBatch(tx, BATCH).chain(batch -> {
            if (batch.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            return sendInOrder(batch, 0, new ArrayList<>())
                    .chain(sent -> sent.isEmpty() ? Uni.createFrom().item(0)
                            : outbox.markPublished(tx, sent).replaceWith(sent.size()));
        }));
    }

    private Uni<List<Long>> sendInOrder(List<OutboxRecord> batch, int index, List<Long> sent) {
        if (index == batch.size()) {
            return Uni.createFrom().item(sent);
        }
        OutboxRecord record = batch.get(index);
        MutinyEmitter<String> emitter = emitters.get(record.topic());
        if (emitter == null) {
            LOG.errorf("outbox row %d names unknown topic %s; left unpublished", record.id(), record.topic());
            return Uni.createFrom().item(sent);
        }
        Message<String> message = Message.of(record.value())
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(record.key()).build())
                .addMetadata(TracingMetadata.withCurrent(JobTrace.fromTraceparent(record.traceparent())));
        return emitter.sendMessage(message)
                .ifNoItem().after(SEND_TIMEOUT).fail()
                .onItem().transformToUni(ignored -> {
                    sent.add(record.id());
                    return sendInOrder(batch, index + 1, sent);
                })
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("outbox: Kafka did not take row %d (%s); it stays queued", record.id(), e.getMessage());
                    return sent;
                });
    }
}
