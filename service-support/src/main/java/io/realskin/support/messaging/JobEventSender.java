package io.realskin.support.messaging;

import io.realskin.contracts.EventEnvelope;
import io.smallrye.reactive.messaging.MutinyEmitter;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Sends a worker's job.events, keyed by job id, so one producer keeps a job's events in order (same key, same
 * partition). Each worker service subclasses it as a bean on its own {@code job-events} channel.
 */
public class JobEventSender {
    public static final String CHANNEL = "job-events";
    private static final Logger LOG = Logger.getLogger(JobEventSender.class);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    private final MutinyEmitter<String> emitter;

    protected JobEventSender(MutinyEmitter<String> emitter) {
        this.emitter = emitter;
    }

    /** Sends and waits for the broker's acknowledgement: for the events a job's outcome depends on. */
    public void publish(EventEnvelope event) {
        emitter.sendMessage(KafkaRecords.keyed(event)).await().atMost(SEND_TIMEOUT);
    }

    /**
     * Sends without waiting, so a working thread does not idle on the broker: for PROGRESS, which nothing depends on.
     * The job's next awaited event is acknowledged only after this one (same producer, same partition).
     */
    public void publishWithoutWaiting(EventEnvelope event) {
        emitter.sendMessage(KafkaRecords.keyed(event)).subscribe().with(
                ok -> { },
                failure -> LOG.warnf("%s of job %s not sent: %s", event.type(), event.jobId(), failure.getMessage()));
    }
}
