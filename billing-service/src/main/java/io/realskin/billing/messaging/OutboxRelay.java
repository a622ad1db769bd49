package io.realskin.billing.messaging;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.realskin.billing.config.BillingConfig;
import io.realskin.billing.repository.OutboxRepository;
import io.realskin.billing.repository.Transactions;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Publishes the outbox to Kafka: rows are locked, sent, acknowledged by the broker, then deleted in one transaction.
 * A crash between the send and the commit publishes a row twice; consumers dedupe on the envelope's eventId.
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final OutboxRepository outbox;
    private final Transactions tx;
    // looked up on first use: the scheduler may fire before the messaging channels are wired at startup
    private final Instance<BillingEventPublisher> publisher;
    private final int batchSize;
    private volatile boolean started;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean pending = new AtomicBoolean();

    public OutboxRelay(OutboxRepository outbox, Transactions tx, Instance<BillingEventPublisher> publisher, BillingConfig config) {
        this.outbox = outbox;
        this.tx = tx;
        this.publisher = publisher;
        this.batchSize = config.outbox().batchSize();
    }

    void onStart(@Observes StartupEvent event) {
        started = true;
    }

    /** The safety net: whatever a kick missed is published within this interval. */
    @Scheduled(every = "${realskin.billing.outbox.poll-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return relay();
    }

    /** Publishes now (after a consumer batch committed), unless a relay is running already; that one loops again. */
    public void kick() {
        pending.set(true);
        relay().subscribe().with(ignored -> { }, failure -> { });
    }

    private Uni<Void> relay() {
        if (!started || !running.compareAndSet(false, true)) {
            return Uni.createFrom().voidItem();
        }
        return drain()
                .onFailure().invoke(f -> LOG.warnf("outbox relay: %s (will retry)", f.toString()))
                .onFailure().recoverWithNull()
                .eventually(() -> running.set(false));
    }

    private Uni<Void> drain() {
        pending.set(false);
        return publishBatch().flatMap(n -> n == batchSize || pending.get() ? drain() : Uni.createFrom().voidItem());
    }

    /** Publishes up to one batch; returns how many rows it published. */
    public Uni<Integer> publishBatch() {
        return tx.inTransaction(conn -> outbox.lockOldest(conn, batchSize).flatMap(records -> {
            if (records.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            BillingEventPublisher sender = publisher.get();
            return Uni.join().all(records.stream().map(sender::send).toList()).andFailFast()
                    .flatMap(sent -> outbox.delete(conn, records))
                    .replaceWith(records.size());
        }));
    }
}
