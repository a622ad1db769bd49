package io.realskin.billing.messaging;

import io.realskin.billing.repository.OutboxRepository.OutboxRecord;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Sends an outbox record to its topic; the Uni completes when the broker has acknowledged it. */
@ApplicationScoped
public class BillingEventPublisher {
    private final MutinyEmitter<String> emitter;

    public BillingEventPublisher(@Channel(Channels.BILLING_EVENTS) MutinyEmitter<String> emitter) {
        this.emitter = emitter;
    }

    public Uni<Void> send(OutboxRecord record) {
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(record.topic())
                .withKey(record.key())
                .build();
        return emitter.sendMessage(Message.of(record.value()).addMetadata(metadata));
    }
}
