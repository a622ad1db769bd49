package io.realskin.billing.messaging;

import io.quarkus.scheduler.Scheduled;
import io.realskin.billing.config.BillingConfig;
import io.realskin.billing.repository.OutboxRepository;
import io.realskin.billing.repository.OutboxRepository.OutboxRecord;
import io.realskin.billing.repository.Transactions;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
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
    private final MutinyEmitter<String> emitter;
    private final int batchSize;

    public OutboxRelay(OutboxRepository outbox, Transactions tx, @Channel(Channels.BILLING_EVENTS) MutinyEmitter<String> emitter,
                       BillingConfig config) {
        this.outbox = outbox;
        this.tx = tx;
        this.emitter = emitter;
        this.batchSize = config.outbox().batchSize();
    }

    @Scheduled(every = "${realskin.billing.outbox.poll-every}", delayed = "3s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> relay() {
        return publishBatch()
                .flatMap(n -> n == batchSize ? relay() : Uni.createFrom().voidItem())
                .onFailure().invoke(f -> LOG.warnf("outbox relay: %s (will retry)", f.toString()))
                .onFailure().recoverWithNull();
    }

    /** Publishes up to one batch; returns how many rows it published. */
    public Uni<Integer> publishBatch() {
        return tx.inTransaction(conn -> outbox.lockOldest(conn, batchSize).flatMap(records -> {
            if (records.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            return Uni.join().all(records.stream().map(this::send).toList()).andFailFast()
                    .flatMap(sent -> outbox.delete(conn, records))
                    .replaceWith(records.size());
        }));
    }

    private Uni<Void> send(OutboxRecord record) {
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(record.topic())
                .withKey(record.key())
                .build();
        return emitter.sendMessage(Message.of(record.value()).addMetadata(metadata));
    }

}
