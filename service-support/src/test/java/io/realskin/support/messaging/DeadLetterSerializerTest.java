package io.realskin.support.messaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class DeadLetterSerializerTest {
    private static DeadLetterSerializer serializer(int maxRequestSize, boolean isKey) {
        DeadLetterSerializer serializer = new DeadLetterSerializer();
        serializer.configure(Map.of("max.request.size", String.valueOf(maxRequestSize)), isKey);
        return serializer;
    }

    @Test
    void aValueThatFitsGoesAsItCame() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("realskin-dlq-reason", "not JSON".getBytes(StandardCharsets.UTF_8));
        assertArrayEquals("{not json".getBytes(StandardCharsets.UTF_8), serializer(1048576, false).serialize("t", headers, "{not json"));
        assertNull(headers.lastHeader(DeadLetterSerializer.CUT_HEADER));
    }

    @Test
    void aValueThatDoesNotFitBesideItsHeadersIsCutOnACharacterAndSaysSo() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("realskin-dlq-reason", "x".repeat(3000).getBytes(StandardCharsets.UTF_8));
        String value = "é".repeat(5000); // 2 bytes each: 10,000 bytes
        byte[] cut = serializer(10000, false).serialize("t", headers, value);

        String decoded = new String(cut, StandardCharsets.UTF_8);
        assertTrue(value.startsWith(decoded) && !decoded.isEmpty(), "a whole-character prefix");
        int headerBytes = "realskin-dlq-reason".length() + 3000 + DeadLetterSerializer.CUT_HEADER.length() + "10000".length();
        assertTrue(cut.length + headerBytes + DeadLetterSerializer.MAX_KEY_BYTES + DeadLetterSerializer.FRAMING <= 10000,
                cut.length + " value bytes beside " + headerBytes + " header bytes");
        assertEquals("10000", new String(headers.lastHeader(DeadLetterSerializer.CUT_HEADER).value(), StandardCharsets.UTF_8));
    }

    @Test
    void aKeyIsCutToItsLimit() {
        byte[] key = serializer(1048576, true).serialize("t", new RecordHeaders(), "k".repeat(5000));
        assertEquals(DeadLetterSerializer.MAX_KEY_BYTES, key.length);
        assertArrayEquals("job-1".getBytes(StandardCharsets.UTF_8), serializer(1048576, true).serialize("t", new RecordHeaders(), "job-1"));
    }
}
