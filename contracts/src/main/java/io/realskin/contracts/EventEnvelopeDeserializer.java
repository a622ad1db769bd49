package io.realskin.contracts;

import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka deserializer of {@link EventEnvelope} values. It throws {@link ContractViolation} on a poison record;
 * consumers that must keep going read the value as a String and call {@link EventJson#readEnvelope(String)}.
 */
public class EventEnvelopeDeserializer implements Deserializer<EventEnvelope> {
    @Override
    public EventEnvelope deserialize(String topic, byte[] data) {
        return data == null ? null : EventJson.readEnvelope(data);
    }
}
