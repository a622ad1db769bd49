package io.realskin.generation.messaging;

import io.realskin.contracts.EventEnvelope;
import io.realskin.support.messaging.KafkaRecords;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Channel;

/** Publishes job.events and waits for the broker's acknowledgement. */
@ApplicationScoped
public class JobEventPublisher {
    public static final String CHANNEL = "job-events";
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    private final MutinyEmitter<String> emitter;

    public JobEventPublisher(@Channel(CHANNEL) MutinyEmitter<String> emitter) {
        this.emitter = emitter;
    }

    public void publish(EventEnvelope event) {
        emitter.sendMessage(KafkaRecords.keyed(event)).await().atMost(SEND_TIMEOUT);
    }
}
