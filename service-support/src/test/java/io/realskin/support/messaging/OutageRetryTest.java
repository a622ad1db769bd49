package io.realskin.support.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.mutiny.Uni;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OutageRetryTest {
    private final OutageRetry retry = new OutageRetry("test", Duration.ofMillis(1), Duration.ofMillis(5));

    @Test
    void anOutageHoldsTheWorkPendingUntilItPassesThenYieldsItsResult() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        AtomicBoolean databaseBack = new AtomicBoolean();
        CompletableFuture<String> result = retry.run(() -> {
            attempts.incrementAndGet();
            return databaseBack.get() ? Uni.createFrom().item("applied")
                    : Uni.createFrom().failure(new UncheckedIOException(new ConnectException("Connection refused")));
        }).subscribeAsCompletionStage();

        while (attempts.get() < 5) {
            Thread.sleep(5);
        }
        assertFalse(result.isDone(), "neither acknowledged nor failed while the outage lasts");
        databaseBack.set(true);
        assertEquals("applied", result.get(10, TimeUnit.SECONDS));
    }

    @Test
    void aFailureThatIsNotAnOutageIsReturnedAtOnceForTheDeadLetterTopic() {
        AtomicInteger attempts = new AtomicInteger();
        IllegalStateException poison = new IllegalStateException("result blob is missing");
        CompletableFuture<Object> result = retry.run(() -> {
            attempts.incrementAndGet();
            return Uni.createFrom().failure(poison);
        }).subscribeAsCompletionStage();

        Throwable failure = result.handle((ok, e) -> e).join();
        assertSame(poison, failure instanceof java.util.concurrent.CompletionException c ? c.getCause() : failure);
        assertEquals(1, attempts.get());
    }

    @Test
    void workThatThrowsBeforeReturningAUniIsClassifiedToo() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        String result = retry.run(() -> {
            if (attempts.incrementAndGet() < 3) {
                throw new io.smallrye.mutiny.TimeoutException();
            }
            return Uni.createFrom().item("ok");
        }).subscribeAsCompletionStage().get(10, TimeUnit.SECONDS);
        assertEquals("ok", result);
        assertTrue(attempts.get() == 3);
    }
}
