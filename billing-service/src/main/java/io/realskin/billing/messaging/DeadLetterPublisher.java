package io.realskin.billing.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.realskin.contracts.Topics;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/** Sends a job.events record billing cannot apply to job.events.dlq, as it came, with the reason in headers. */
@ApplicationScoped
public class DeadLetterPublisher {
    private static final Logger LOG = Logger.getLogger(DeadLetterPublisher.class);
    public static final String CONTRACT_VIOLATION = "contract_violation";
    public static final String PROCESSING_FAILED = "processing_failed";

    private final MutinyEmitter<String> emitter;
    private final MeterRegistry registry;

    public DeadLetterPublisher(@Channel(Channels.JOB_EVENTS_DLQ) MutinyEmitter<String> emitter, MeterRegistry registry) {
        this.emitter = emitter;
        this.registry = registry;
    }

    public Uni<Void> send(KafkaRecord<String, String> record, String code, String reason) {
        long offset = record.getMetadata(IncomingKafkaRecordMetadata.class).map(IncomingKafkaRecordMetadata::getOffset).orElse(-1L);
        LOG.warnf("job.events %d@%d to the dead-letter topic: %s", record.getPartition(), offset, reason);
        registry.counter("billing.job_events.dead_lettered", "code", code).increment();
        RecordHeaders headers = new RecordHeaders();
        headers.add(Topics.DLQ_REASON_HEADER, bytes(reason));
        headers.add(Topics.DLQ_CODE_HEADER, bytes(code));
        headers.add("realskin-dlq-origin", bytes(record.getTopic() + "-" + record.getPartition() + "@" + offset));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(record.getKey())
                .withHeaders(headers)
                .build();
        String value = record.getPayload() == null ? "" : record.getPayload();
        // Kafka being away must not drop a record or stop the consumer: retried until sent
        return Uni.createFrom().deferred(() -> emitter.sendMessage(Message.of(value).addMetadata(metadata)))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).indefinitely();
    }

    private static byte[] bytes(String s) {
        return (s == null ? "" : s).getBytes(StandardCharsets.UTF_8);
    }
}
