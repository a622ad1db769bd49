package io.realskin.support.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realskin.contracts.EventEnvelope;
import io.realskin.contracts.EventJson;
import io.realskin.contracts.EventTypes;
import io.realskin.contracts.FailureCodes;
import io.realskin.contracts.JobFailed;
import io.realskin.contracts.JobStarted;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class JobCancelsTest {
    private final AtomicInteger skipped = new AtomicInteger();
    private final JobCancels cancels = new JobCancels(new CancelsConfig() {
        @Override
        public boolean enabled() {
            return true;
        }

        @Override
        public int maxEntries() {
            return 100;
        }

        @Override
        public Duration maxAge() {
            return Duration.ofHours(1);
        }
    }, skipped::incrementAndGet);

    @Test
    void keepsCanceledAndPassesOverTheOtherEvents() {
        cancels.consume(EventJson.write(EventEnvelope.of(EventTypes.STARTED, "t", "job-started", new JobStarted("w"))));
        cancels.consume(EventJson.write(EventEnvelope.of(EventTypes.FAILED, "t", "job-failed", new JobFailed(FailureCodes.INTERNAL, "x"))));
        cancels.consume(canceled("t", "job-1"));
        assertTrue(cancels.isCanceled("t", "job-1"));
        assertFalse(cancels.isCanceled("t", "job-started"));
        assertFalse(cancels.isCanceled("t", "job-failed"));
        assertEquals(0, skipped.get());
    }

    @Test
    void malformedRecordsAreSkippedAndCounted() {
        cancels.consume(null);
        cancels.consume("not json");
        cancels.consume("{\"type\":\"CANCELED\"}");
        // an envelope, but its CANCELED payload breaks the schema
        cancels.consume(EventJson.write(EventEnvelope.of(EventTypes.CANCELED, "t", "job-bad", new JobFailed("no-such-code", "x"))));
        assertEquals(4, skipped.get());
        assertFalse(cancels.isCanceled("t", "job-bad"));
        cancels.consume(canceled("t", "job-2"));
        assertTrue(cancels.isCanceled("t", "job-2"), "a later cancel still counts");
    }

    private static String canceled(String tenant, String job) {
        return EventJson.write(EventEnvelope.of(EventTypes.CANCELED, tenant, job, new JobFailed(FailureCodes.CANCELED, "canceled by the user")));
    }
}
