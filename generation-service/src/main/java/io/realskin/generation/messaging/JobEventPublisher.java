package io.realskin.generation.messaging;

import io.realskin.contracts.EventEnvelope;
import io.realskin.support.messaging.KafkaRecords;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

/** Publishes job.events. One producer keeps a job's events in order (same key, same partition). */
@ApplicationScoped
public class JobEventPublisher {
    public static final String CHANNEL = "job-events";
    private static final Logger LOG = Logger.getLogger(JobEventPublisher.class);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    private final MutinyEmitter<String> emitter;

    public JobEventPublisher(@Channel(CHANNEL) MutinyEmitter<String> emitter) {
        this.emitter = emitter;
    }

    /** Sends and waits for the broker's acknowledgement: for the events a job's outcome depends on. */
    public void publish(EventEnvelope event) {
        emitter.sendMessage(KafkaRecords.keyed(event)).await().atMost(SEND_TIMEOUT);
    }

    /** Sends without waiting: for PROGRESS, which nothing depends on (the job's next awaited event follows it). */
    public void publishWithoutWaiting(EventEnvelope event) {
        emitter.sendMessage(KafkaRecords.keyed(event)).subscribe().with(
                ok -> { },
                failure -> LOG.warnf("%s of job %s not sent: %s", event.type(), event.jobId(), failure.getMessage()));
    }
}
