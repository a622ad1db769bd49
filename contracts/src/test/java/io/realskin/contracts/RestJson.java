package io.realskin.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** Jackson as the services' REST layer has it (Quarkus' defaults): nulls written, ISO dates, unknown fields ignored. */
public final class RestJson {
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** {@code json} read as {@code type} and written again is the same document: no member lost, renamed or added. */
    public static <T> T assertRoundTrip(String json, Class<T> type) throws Exception {
        T value = MAPPER.readValue(json, type);
        JsonNode again = MAPPER.readTree(MAPPER.writeValueAsString(value));
        assertEquals(MAPPER.readTree(json), again, type.getSimpleName() + " written back");
        return value;
    }

    public static JsonNode tree(Object value) throws Exception {
        return MAPPER.readTree(MAPPER.writeValueAsString(value));
    }

    private RestJson() {
    }
}
