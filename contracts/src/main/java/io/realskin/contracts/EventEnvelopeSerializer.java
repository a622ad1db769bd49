package io.realskin.contracts;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.serialization.Serializer;

/** Kafka serializer of {@link EventEnvelope} values as UTF-8 JSON. */
public class EventEnvelopeSerializer implements Serializer<EventEnvelope> {
    @Override
    public byte[] serialize(String topic, EventEnvelope data) {
        return data == null ? null : EventJson.write(data).getBytes(StandardCharsets.UTF_8);
    }
}
