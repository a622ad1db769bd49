package io.realskin.billing.messaging;

import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.reactive.messaging.Metadata;

/**
 * A dead letter cut to what the dead-letter producer may send. The broker hands the consumer a record up to its own
 * limit, but the dead letter is that record plus the reason headers: a record near the limit did not fit, the producer
 * refused it (RecordTooLargeException, which no retry mends) and the sender retried it forever, so its partition
 * stopped. Such a value is cut to fit, and the reason says so; the whole record stays on job.events (at the offset the
 * origin header names) for the topic's retention.
 */
final class DeadLetterFit {
    /** A reason longer than this is cut: it travels in a header (at most 3 UTF-8 bytes a char). */
    static final int MAX_REASON_CHARS = 1000;
    /** A key longer than this is cut (a job id is at most 100 characters). */
    static final int MAX_KEY_BYTES = 1000;
    /** Bytes a dead letter takes besides its key, value and reason: batch and record framing, the code and origin headers, the note. */
    static final int HEADROOM = 2048;

    record Fitted(KafkaRecord<String, String> record, String reason) {
    }

    static Fitted fit(KafkaRecord<String, String> record, String reason, int maxRequestSize) {
        String shortReason = reason == null || reason.length() <= MAX_REASON_CHARS ? reason : reason.substring(0, MAX_REASON_CHARS) + "…";
        byte[] key = record.getKey() == null ? null : record.getKey().getBytes(StandardCharsets.UTF_8);
        byte[] value = record.getPayload() == null ? new byte[0] : record.getPayload().getBytes(StandardCharsets.UTF_8);
        int budget = Math.max(0, maxRequestSize - HEADROOM - 3 * MAX_REASON_CHARS - MAX_KEY_BYTES);
        if (value.length <= budget && (key == null || key.length <= MAX_KEY_BYTES)) {
            return new Fitted(record, shortReason);
        }
        String cutKey = key == null ? null : prefix(key, MAX_KEY_BYTES);
        String cutValue = prefix(value, budget);
        String note = (key != null && key.length > MAX_KEY_BYTES ? "key cut from " + key.length + " bytes; " : "")
                + (value.length > budget ? "value cut from " + value.length + " to " + cutValue.getBytes(StandardCharsets.UTF_8).length
                + " bytes; " : "")
                + "cut to fit the dead-letter topic (the whole record is on " + record.getTopic() + " at the origin offset): ";
        return new Fitted(new CutRecord(record, cutKey, cutValue), note + shortReason);
    }

    /** The longest whole-character prefix of UTF-8 {@code bytes} within {@code limit} bytes. */
    private static String prefix(byte[] bytes, int limit) {
        if (bytes.length <= limit) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.IGNORE).onUnmappableCharacter(CodingErrorAction.IGNORE)
                    .decode(ByteBuffer.wrap(bytes, 0, limit));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("cannot happen with IGNORE", e);
        }
    }

    /** The record as it came but for its key and value. */
    private record CutRecord(KafkaRecord<String, String> original, String key, String value) implements KafkaRecord<String, String> {
        @Override
        public String getPayload() {
            return value;
        }

        @Override
        public Metadata getMetadata() {
            return original.getMetadata();
        }

        @Override
        public String getKey() {
            return key;
        }

        @Override
        public String getTopic() {
            return original.getTopic();
        }

        @Override
        public int getPartition() {
            return original.getPartition();
        }

        @Override
        public Instant getTimestamp() {
            return original.getTimestamp();
        }

        @Override
        public Headers getHeaders() {
            return original.getHeaders();
        }
    }

    private DeadLetterFit() {
    }
}
