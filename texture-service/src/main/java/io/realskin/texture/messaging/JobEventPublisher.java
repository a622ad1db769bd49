package io.realskin.texture.messaging;

import io.realskin.contracts.EventEnvelope;
import io.realskin.support.messaging.JobEventSender;
import io.realskin.support.messaging.KafkaRecords;
import io.smallrye.mutiny.TimeoutException;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.common.errors.RetriableException;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

/**
 * This service's job.events, through the shared sender. An awaited event (STARTED, COMPLETED, FAILED) that Kafka does
 * not acknowledge within the send timeout (a broker down, paused or without its in-sync replicas) is sent again, after
 * 200 ms doubling up to 5 s (±50 % jitter), until it is: the job keeps its thread and its record stays unacknowledged,
 * as while the blob store is away (docs/operations.md, "When Kafka is away"). Each copy is the same event, its
 * {@code eventId} too, so the gateway and billing apply it once. Until 2026-12-08 the job failed on the first timeout:
 * a COMPLETED already stored was followed by a FAILED {@code internal} and the record was dead-lettered.
 */
@Singleton
public class JobEventPublisher extends JobEventSender {
    private static final Logger LOG = Logger.getLogger(JobEventPublisher.class);
    private static final Duration FIRST_RETRY = Duration.ofMillis(200);

    private final MutinyEmitter<String> emitter;
    private final Duration sendTimeout;
    private final Duration maxRetry;

    @Inject
    public JobEventPublisher(@Channel(CHANNEL) MutinyEmitter<String> emitter) {
        this(emitter, Duration.ofSeconds(30), Duration.ofSeconds(5));
    }

    JobEventPublisher(MutinyEmitter<String> emitter, Duration sendTimeout, Duration maxRetry) {
        super(emitter);
        this.emitter = emitter;
        this.sendTimeout = sendTimeout;
        this.maxRetry = maxRetry;
    }

    @Override
    public void publish(EventEnvelope event) {
        long started = System.nanoTime();
        long delay = Math.min(FIRST_RETRY.toMillis(), maxRetry.toMillis());
        for (int failures = 0; ; failures++) {
            try {
                emitter.sendMessage(KafkaRecords.keyed(event)).await().atMost(sendTimeout);
                if (failures > 0) {
                    LOG.infof("job %s: Kafka answers again; its %s went out after %d failed attempts in %.0f s", event.jobId(),
                            event.type(), failures, (System.nanoTime() - started) / 1e9);
                }
                return;
            } catch (RuntimeException e) {
                if (!(e instanceof TimeoutException) && !(e instanceof RetriableException) && !(e.getCause() instanceof RetriableException)) {
                    throw e;
                }
                if (failures == 0) {
                    LOG.warnf("job %s: Kafka did not acknowledge its %s (%s); the job waits and sends it again until it does",
                            event.jobId(), event.type(), e);
                }
            }
            try {
                Thread.sleep(Math.max(1, (long) (delay * (0.5 + ThreadLocalRandom.current().nextDouble()))));
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Kafka", interrupted);
            }
            delay = Math.min(delay * 2, maxRetry.toMillis());
        }
    }
}
