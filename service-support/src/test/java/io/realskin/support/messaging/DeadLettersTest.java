package io.realskin.support.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.realskin.contracts.Topics;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.junit.jupiter.api.Test;

class DeadLettersTest {
    private static String header(Headers headers, String name) {
        return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    @Test
    void theHeadersCarryTheCodeAndTheReason() {
        Headers headers = DeadLetters.headers(DeadLetters.PROCESSING_FAILED, "no blob under results/x.png");

        assertEquals("processing_failed", header(headers, Topics.DLQ_CODE_HEADER));
        assertEquals("no blob under results/x.png", header(headers, Topics.DLQ_REASON_HEADER));
    }

    @Test
    void aLongReasonIsCutSoItFitsBesideTheValue() {
        String told = header(DeadLetters.headers("bad_request", "r".repeat(50_000)), Topics.DLQ_REASON_HEADER);

        assertEquals("r".repeat(DeadLetters.MAX_REASON_CHARS) + "…", told);
    }

    @Test
    void withoutAReasonTheCodeStandsForIt() {
        assertEquals("internal", header(DeadLetters.headers("internal", null), Topics.DLQ_REASON_HEADER));
    }

    @Test
    void aNackCarriesTheHeadersForTheConnectorsDeadLetter() {
        OutgoingKafkaRecordMetadata<?> metadata = DeadLetters.nack("bad_request", "not a texture request")
                .get(OutgoingKafkaRecordMetadata.class).orElseThrow();

        assertEquals("bad_request", header(metadata.getHeaders(), Topics.DLQ_CODE_HEADER));
        assertEquals("not a texture request", header(metadata.getHeaders(), Topics.DLQ_REASON_HEADER));
    }
}
