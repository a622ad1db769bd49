package io.realskin.support.messaging;

import io.realskin.contracts.EventEnvelope;
import io.opentelemetry.context.Context;
import io.realskin.contracts.EventJson;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Outgoing records in the contract's shape: JSON envelope value, job id as key (so a job's events keep their order),
 * in the trace of the caller (the job's), whichever thread the connector sends them from.
 */
public final class KafkaRecords {
    public static Message<String> keyed(EventEnvelope event) {
        return Message.of(EventJson.write(event))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(event.jobId()).build())
                .addMetadata(TracingMetadata.withCurrent(Context.current()));
    }

    private KafkaRecords() {
    }
}
