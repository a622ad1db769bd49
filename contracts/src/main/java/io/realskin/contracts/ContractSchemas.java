package io.realskin.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The JSON Schema (draft 2020-12) of each topic's record value, shipped in this jar under {@code schemas/}. */
public final class ContractSchemas {
    private static final Map<String, JsonSchema> SCHEMAS = Topics.WITH_SCHEMA.stream()
            .collect(Collectors.toUnmodifiableMap(Function.identity(), ContractSchemas::load));

    /** The violations of one record value against its topic's schema; empty when it conforms. */
    public static List<String> violations(String topic, JsonNode value) {
        JsonSchema schema = SCHEMAS.get(topic);
        if (schema == null) {
            throw new IllegalArgumentException("no schema for topic " + topic);
        }
        Set<ValidationMessage> messages = schema.validate(value);
        return messages.stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    public static List<String> violations(String topic, String json) {
        try {
            return violations(topic, EventJson.MAPPER.readTree(json));
        } catch (IOException e) {
            return List.of("not JSON: " + e.getMessage());
        }
    }

    public static List<String> violations(String topic, EventEnvelope envelope) {
        return violations(topic, EventJson.MAPPER.<JsonNode>valueToTree(envelope));
    }

    /**
     * A consumer's first step: the record value checked against its topic's schema and read as an envelope whose payload
     * fits {@code payloadType}.
     *
     * @throws ContractViolation with every violation in its message, for a record no retry can fix
     */
    public static EventEnvelope readValid(String topic, String value, Class<?> payloadType) {
        EventEnvelope envelope = readValid(topic, value);
        envelope.payloadAs(payloadType);
        return envelope;
    }

    /**
     * The same first step for a topic whose payload type follows the envelope's {@code type} (job.events): the record
     * value checked against its topic's schema, which holds each type's payload, and read as an envelope.
     *
     * @throws ContractViolation with every violation in its message, for a record no retry can fix
     */
    public static EventEnvelope readValid(String topic, String value) {
        List<String> found = violations(topic, value == null ? "" : value);
        if (!found.isEmpty()) {
            throw new ContractViolation(String.join("; ", found));
        }
        return EventJson.readEnvelope(value);
    }

    /** The schema document itself, e.g. to publish it. */
    public static InputStream open(String topic) {
        InputStream in = ContractSchemas.class.getResourceAsStream("schemas/" + topic + ".schema.json");
        if (in == null) {
            throw new IllegalArgumentException("no schema for topic " + topic);
        }
        return in;
    }

    private static JsonSchema load(String topic) {
        try (InputStream in = open(topic)) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ContractSchemas() {
    }
}
