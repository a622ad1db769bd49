package io.realskin.support.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import java.time.Duration;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Writes a record its consumer cannot apply to the dead-letter topic itself, for a consumer that acknowledges in
 * batches and so cannot nack one record to the connector's dead-letter strategy (a record-at-a-time consumer nacks
 * with {@link DeadLetters#nack}). The record goes as it came, with {@link DeadLetters#headers} and
 * {@code realskin-dlq-origin} (topic-partition@offset). A service subclasses it as a bean on its dead-letter channel.
 */
public class DeadLetterSender {
    public static final String ORIGIN_HEADER = "realskin-dlq-origin";
    private static final Logger LOG = Logger.getLogger(DeadLetterSender.class);

    private final MutinyEmitter<String> emitter;
    private final MeterRegistry registry;
    private final String counter;

    /** {@code counter}: the meter counting dead letters, by code. */
    protected DeadLetterSender(MutinyEmitter<String> emitter, MeterRegistry registry, String counter) {
        this.emitter = emitter;
        this.registry = registry;
        this.counter = counter;
    }

    /** Completes once the broker took the dead letter; Kafka being away must not drop it, so it is retried until sent. */
    public Uni<Void> send(KafkaRecord<String, String> record, String code, String reason) {
        long offset = record.getMetadata(IncomingKafkaRecordMetadata.class).map(IncomingKafkaRecordMetadata::getOffset).orElse(-1L);
        LOG.warnf("%s %d@%d to the dead-letter topic: %s", record.getTopic(), record.getPartition(), offset, reason);
        registry.counter(counter, "code", code).increment();
        RecordHeaders headers = DeadLetters.headers(code, reason);
        headers.add(ORIGIN_HEADER, DeadLetters.bytes(record.getTopic() + "-" + record.getPartition() + "@" + offset));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(record.getKey())
                .withHeaders(headers)
                .build();
        String value = record.getPayload() == null ? "" : record.getPayload();
        return Uni.createFrom().deferred(() -> emitter.sendMessage(Message.of(value).addMetadata(metadata)))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).indefinitely();
    }
}
