package io.realskin.support.messaging;

import io.realskin.contracts.EventEnvelope;
import io.smallrye.mutiny.TimeoutException;
import io.smallrye.reactive.messaging.MutinyEmitter;
import java.time.Duration;
import org.apache.kafka.common.errors.RetriableException;
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
    private final Duration sendTimeout;
    private final Duration firstRetry;
    private final Duration maxRetry;

    protected JobEventSender(MutinyEmitter<String> emitter) {
        this(emitter, SEND_TIMEOUT, OutageRetry.FIRST_BACKOFF, OutageRetry.MAX_BACKOFF);
    }

    protected JobEventSender(MutinyEmitter<String> emitter, Duration sendTimeout, Duration firstRetry, Duration maxRetry) {
        this.emitter = emitter;
        this.sendTimeout = sendTimeout;
        this.firstRetry = firstRetry;
        this.maxRetry = maxRetry;
    }

    /**
     * Sends and waits for the broker's acknowledgement: for the events a job's outcome depends on (STARTED, COMPLETED,
     * FAILED). One that Kafka does not acknowledge within the send timeout, or refuses with a retriable error (a broker
     * down or paused, a partition without its in-sync replicas), is sent again after 200 ms doubling up to 5 s, until it
     * is: the job keeps its thread and its record stays unacknowledged, as while the blob store is away
     * ({@link BlobStoreWait}; docs/operations.md, "When Kafka is away"). Each copy is the same event, its {@code eventId}
     * too, so the gateway and billing apply it once. Until 2026-12-08 the job failed on the first timeout: a COMPLETED
     * already stored was followed by a FAILED {@code internal} and the record was dead-lettered. Any other failure
     * (a record too large, say) is thrown at once.
     */
    public void publish(EventEnvelope event) {
        long started = System.nanoTime();
        Backoff backoff = new Backoff(firstRetry, maxRetry);
        for (int failures = 0; ; failures++) {
            try {
                emitter.sendMessage(KafkaRecords.keyed(event)).await().atMost(sendTimeout);
                if (failures > 0) {
                    LOG.infof("job %s: Kafka answers again; its %s went out after %d failed attempts in %.0f s", event.jobId(),
                            event.type(), failures, (System.nanoTime() - started) / 1e9);
                }
                return;
            } catch (RuntimeException e) {
                if (!(e instanceof TimeoutException || e instanceof RetriableException || e.getCause() instanceof RetriableException)) {
                    throw e;
                }
                if (failures == 0) {
                    LOG.warnf("job %s: Kafka did not acknowledge its %s (%s); the job waits and sends it again until it does",
                            event.jobId(), event.type(), e);
                }
            }
            try {
                backoff.sleep();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Kafka to take job " + event.jobId() + "'s "
                        + event.type(), interrupted);
            }
        }
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
