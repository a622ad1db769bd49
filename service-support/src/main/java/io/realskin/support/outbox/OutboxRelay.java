package io.realskin.support.outbox;

import io.quarkus.runtime.StartupEvent;
import io.realskin.contracts.JobTrace;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Publishes a service's {@link Outbox} to Kafka: a batch of the oldest unpublished rows is sent in
 * {@link OrderedSends order per key} and the rows the broker took are marked published, in one transaction. A crash
 * between the send and the commit publishes a row twice (at-least-once; consumers dedupe on the envelope's eventId);
 * a row Kafka does not take stays and goes out on a later run. Each record continues the trace of the request that
 * wrote its row.
 *
 * <p>A service subclasses it as a bean, giving each topic it writes its emitter, and runs {@link #relay()} from a
 * {@code @Scheduled} method with {@code skipExecutionIf = Scheduled.ApplicationNotRunning.class}; it calls
 * {@link #wakeUp()} after a transaction that wrote rows. Nothing is sent before the application has started
 * ({@link #onStart}), when the emitters are wired.
 */
public abstract class OutboxRelay {
    /** After the messaging connector's own start-up observers (a later priority runs later). */
    public static final int AFTER_MESSAGING = Interceptor.Priority.PLATFORM_AFTER + 1000;
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);
    /** One relay at a time per database, so two replicas never send one key's records side by side (out of order). */
    private static final long RELAY_LOCK = 0x6f7574626f78L;

    private final Pool pool;
    private final Outbox outbox;
    private final Map<String, MutinyEmitter<String>> emitters;
    private final int batchSize;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private volatile boolean started;

    /** For the client proxy of the subclass's normal-scoped bean. */
    protected OutboxRelay() {
        this.pool = null;
        this.outbox = null;
        this.emitters = null;
        this.batchSize = 0;
    }

    /** {@code emitters}: topic to the emitter of the channel that writes it. */
    protected OutboxRelay(Pool pool, Outbox outbox, Map<String, MutinyEmitter<String>> emitters, int batchSize) {
        this.pool = pool;
        this.outbox = outbox;
        this.emitters = Map.copyOf(emitters);
        this.batchSize = batchSize;
    }

    /** The start-up guard: the scheduler and the first requests may come before the Kafka channels are wired. */
    public void onStart(@Observes @Priority(AFTER_MESSAGING) StartupEvent event) {
        started = true;
    }

    /** Asks for a run now; a run already going takes one more turn instead. */
    public void wakeUp() {
        relay().subscribe().with(ignored -> { }, failure -> { });
    }

    /** Publishes until the outbox is empty (or what is left cannot be sent now); never fails. */
    public Uni<Void> relay() {
        if (!started) {
            return Uni.createFrom().voidItem();
        }
        if (!running.compareAndSet(false, true)) {
            again.set(true);
            return Uni.createFrom().voidItem();
        }
        again.set(false);
        return relayBatch()
                .onFailure().invoke(f -> LOG.warnf("outbox relay: %s (the next run retries)", f.toString()))
                .onFailure().recoverWithItem(0)
                .eventually(() -> running.set(false))
                .chain(sent -> sent == batchSize || again.getAndSet(false) ? relay() : Uni.createFrom().voidItem());
    }

    /** Returns how many rows were published. */
    private Uni<Integer> relayBatch() {
        return pool.withTransaction(tx -> relayLock(tx).chain(mine -> !mine ? Uni.createFrom().item(0)
                : outbox.unpublished(tx, batchSize).chain(batch -> OrderedSends.send(batch, this::send, OutboxRelay::refused)
                        .chain(sent -> sent.isEmpty() ? Uni.createFrom().item(0)
                                : outbox.markPublished(tx, sent).replaceWith(sent.size())))));
    }

    /** False while another replica's relay runs: it publishes these rows, this one tries again on its next run. */
    private static Uni<Boolean> relayLock(SqlClient tx) {
        return tx.preparedQuery("select pg_try_advisory_xact_lock($1)").execute(Tuple.of(RELAY_LOCK))
                .map(rows -> rows.iterator().next().getBoolean(0));
    }

    private Uni<Void> send(OutboxRecord record) {
        MutinyEmitter<String> emitter = emitters.get(record.topic());
        if (emitter == null) {
            return Uni.createFrom().failure(new IllegalStateException("no channel writes topic " + record.topic()));
        }
        Message<String> message = Message.of(record.value())
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withTopic(record.topic()).withKey(record.key()).build())
                .addMetadata(TracingMetadata.withCurrent(JobTrace.fromTraceparent(record.traceparent())));
        return emitter.sendMessage(message).ifNoItem().after(SEND_TIMEOUT).fail();
    }

    private static void refused(OutboxRecord record, Throwable failure) {
        LOG.warnf("outbox: row %d (%s, key %s) not sent (%s); it and its key's later rows stay queued", record.id(),
                record.topic(), record.key(), failure.getMessage());
    }
}
