package io.realskin.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.charset.StandardCharsets;

/**
 * JSON for topic values: ISO-8601 instants, no nulls written, unknown fields tolerated (forward compatible), nothing
 * after the value ({@code {...}]]garbage} is no record, not the object it starts with).
 */
public final class EventJson {
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalArgumentException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** Parses a topic value; any failure is a {@link ContractViolation} a consumer sends to its dead-letter topic. */
    public static EventEnvelope readEnvelope(String json) {
        if (json == null || json.isBlank()) {
            throw new ContractViolation("empty record value");
        }
        try {
            return MAPPER.readValue(json, EventEnvelope.class);
        } catch (Exception e) {
            throw new ContractViolation("not an event envelope: " + firstLine(e.getMessage()), e);
        }
    }

    public static EventEnvelope readEnvelope(byte[] bytes) {
        return readEnvelope(bytes == null ? null : new String(bytes, StandardCharsets.UTF_8));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    private EventJson() {
    }
}
