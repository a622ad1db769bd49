package io.realskin.support.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.realskin.contracts.EventEnvelope;
import io.realskin.contracts.EventTypes;
import io.realskin.contracts.JobStarted;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BlobStoreWaitTest {
    private static final EventEnvelope REQUEST = EventEnvelope.of(EventTypes.STARTED, "t1", "job-1", new JobStarted("w"));
    private final AtomicBoolean canceled = new AtomicBoolean();
    private final BlobStoreWait store = new BlobStoreWait((tenant, job) -> canceled.get() && tenant.equals("t1") && job.equals("job-1"),
            Duration.ofMillis(1), Duration.ofMillis(2));

    @Test
    void aCallThatFailsWithIoErrorsIsTriedUntilTheStoreAnswers() {
        AtomicInteger calls = new AtomicInteger();
        AtomicInteger waitingMeanwhile = new AtomicInteger();
        String answer = store.call(REQUEST, "read x", () -> {
            if (calls.incrementAndGet() < 4) {
                throw new IOException("connection refused");
            }
            waitingMeanwhile.set(store.waiting());
            return "bytes";
        });
        assertEquals("bytes", answer);
        assertEquals(4, calls.get());
        assertEquals(1, waitingMeanwhile.get(), "counted as waiting while it retried");
        assertEquals(0, store.waiting(), "no longer once through");
    }

    @Test
    void aMissingBlobIsAnAnswerNotAnOutage() {
        AtomicInteger calls = new AtomicInteger();
        assertEquals(Optional.empty(), store.call(REQUEST, "read x", () -> {
            calls.incrementAndGet();
            return Optional.empty();
        }));
        assertEquals(1, calls.get());
    }

    @Test
    void aJobCanceledWhileItWaitsStopsWaiting() {
        AtomicInteger calls = new AtomicInteger();
        assertThrows(BlobStoreWait.Canceled.class, () -> store.call(REQUEST, "store x", () -> {
            if (calls.incrementAndGet() == 3) {
                canceled.set(true);
            }
            throw new IOException("503 Slow Down");
        }));
        assertEquals(3, calls.get(), "no call after the cancel was seen");
        assertEquals(0, store.waiting());
    }

    @Test
    void anythingButAnIoErrorGoesThroughAtOnce() {
        AtomicInteger calls = new AtomicInteger();
        assertThrows(IllegalStateException.class, () -> store.call(REQUEST, "read x", () -> {
            calls.incrementAndGet();
            throw new IllegalStateException("a bug");
        }));
        assertEquals(1, calls.get());
    }
}
