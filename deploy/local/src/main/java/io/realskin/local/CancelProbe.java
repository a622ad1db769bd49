package io.realskin.local;

import io.realskin.contracts.EventEnvelope;
import io.realskin.contracts.EventJson;
import io.realskin.contracts.EventTypes;
import io.realskin.contracts.FailureCodes;
import io.realskin.contracts.JobFailed;
import io.realskin.contracts.Topics;
import java.time.Duration;
import java.util.UUID;
import java.util.function.BiPredicate;

/**
 * A test's cancels as the gateway sends them (CANCELED on job.events), and the wait until a worker's cancel reader
 * sees them: that reader reads from an hour back once its partitions are assigned, and nothing before then;
 * {@link #awaitReader} sends probe cancels until one arrives.
 */
public final class CancelProbe {
    private final KafkaProbe kafka;

    public CancelProbe(KafkaProbe kafka) {
        this.kafka = kafka;
    }

    public void cancel(String tenantId, String jobId) {
        kafka.send(Topics.JOB_EVENTS, jobId, EventJson.write(EventEnvelope.of(EventTypes.CANCELED, tenantId, jobId,
                new JobFailed(FailureCodes.CANCELED, "canceled by the user"))));
    }

    /** Until {@code seen(tenant, job)} holds for a probe cancel; fails after {@code timeout}. */
    public void awaitReader(String tenantId, BiPredicate<String, String> seen, Duration timeout) {
        awaitTrue("a cancel reaches the worker's cancel reader", timeout, () -> {
            String probe = "probe-" + UUID.randomUUID();
            cancel(tenantId, probe);
            long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (System.nanoTime() < until) {
                if (seen.test(tenantId, probe)) {
                    return true;
                }
                pause();
            }
            return false;
        });
    }

    /** Polls {@code condition} until it holds; fails after {@code timeout}. */
    public static void awaitTrue(String what, Duration timeout, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout + ": " + what);
            }
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
