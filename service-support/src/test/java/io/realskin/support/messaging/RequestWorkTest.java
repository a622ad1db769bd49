package io.realskin.support.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.realskin.contracts.FailureCodes;
import io.realskin.contracts.Topics;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.junit.jupiter.api.Test;

class RequestWorkTest {
    /** How the record was settled: "ack", or the nack's code and reason headers. */
    private final List<String> settled = new ArrayList<>();
    private final List<String> worked = new ArrayList<>();

    private Message<String> record(String key, String value) {
        ConsumerRecord<String, String> kafka = new ConsumerRecord<>(Topics.GENERATION_REQUESTS, 0, 7L, key, value);
        return Message.of(value, Metadata.of(new IncomingKafkaRecordMetadata<>(kafka, "requests")))
                .withAck(() -> {
                    settled.add("ack");
                    return CompletableFuture.completedFuture(null);
                })
                .withNackWithMetadata((failure, metadata) -> {
                    Headers headers = metadata.get(OutgoingKafkaRecordMetadata.class).orElseThrow().getHeaders();
                    settled.add(header(headers, Topics.DLQ_CODE_HEADER) + ": " + header(headers, Topics.DLQ_REASON_HEADER));
                    return CompletableFuture.completedFuture(null);
                });
    }

    private static String header(Headers headers, String name) {
        return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    @Test
    void workThatReturnsAcknowledgesItsRecordAndGetsItsKeyAndValue() {
        RequestWork.settle(record("job-1", "{}"), (key, value) -> worked.add(key + "=" + value));

        assertEquals(List.of("job-1={}"), worked);
        assertEquals(List.of("ack"), settled);
    }

    @Test
    void poisonIsNackedWithItsCodeAndReason() {
        RequestWork.settle(record("job-2", "x"), (key, value) -> {
            throw new PoisonRecordException(FailureCodes.BAD_REQUEST, "not a generation request: x");
        });

        assertEquals(List.of("bad_request: not a generation request: x"), settled);
    }

    @Test
    void anythingElseIsNackedAsInternal() {
        RequestWork.settle(record("job-3", "{}"), (key, value) -> {
            throw new IllegalStateException("boom");
        });

        assertEquals(List.of("internal: java.lang.IllegalStateException: boom"), settled);
    }

    @Test
    void aRecordWithoutKafkaMetadataIsWorkedWithoutAKey() {
        List<String> keys = new ArrayList<>();
        RequestWork.settle(Message.of("{}"), (key, value) -> keys.add(key));

        assertEquals(1, keys.size());
        assertNull(keys.get(0));
    }
}
