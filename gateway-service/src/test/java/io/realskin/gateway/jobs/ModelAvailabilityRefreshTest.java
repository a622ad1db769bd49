package io.realskin.gateway.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realskin.contracts.prompt.ImageModel;
import io.realskin.contracts.prompt.ModelCatalogue;
import io.realskin.contracts.prompt.Plan;
import io.realskin.support.problem.ProblemException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * {@link ModelAvailability} asks prompt-service one call at a time: submits that find the copy expired while another
 * refreshes it read the expired copy instead of calling and waiting too; only the very first read is waited for.
 */
class ModelAvailabilityRefreshTest {
    /** Guards the test against hanging; no assertion depends on it. */
    private static final long GUARD_SECONDS = 30;

    /** A catalogue whose calls are counted and, while {@code hold} is closed, kept waiting. */
    private static final class SlowCatalogue {
        final AtomicInteger calls = new AtomicInteger();
        final CountDownLatch inCall = new CountDownLatch(1);
        volatile CountDownLatch hold = new CountDownLatch(0);
        volatile boolean sdxlAvailable = true;

        ModelCatalogue read(String tenantId) {
            calls.incrementAndGet();
            inCall.countDown();
            try {
                assertTrue(hold.await(GUARD_SECONDS, TimeUnit.SECONDS), "the test released the call");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            return new ModelCatalogue("1.0.0", List.of(model("sdxl", sdxlAvailable)));
        }
    }

    private static ImageModel model(String id, boolean available) {
        return new ImageModel(id, "stability", id, id, 1, 1.0, 8, 0, true, false, true, Plan.FREE, true, available, "");
    }

    @Test
    void whileOneSubmitRefreshesTheExpiredCopyTheOthersReadIt() throws Exception {
        SlowCatalogue prompt = new SlowCatalogue();
        ModelAvailability models = new ModelAvailability(prompt::read, Duration.ZERO, true); // every read finds it expired
        models.require("ten_a", "sdxl"); // the first copy: sdxl available
        assertEquals(1, prompt.calls.get());

        prompt.sdxlAvailable = false;
        prompt.hold = new CountDownLatch(1);
        CompletableFuture<Void> refreshing = CompletableFuture.runAsync(() -> models.require("ten_a", "sdxl"));
        assertTrue(await(() -> prompt.calls.get() == 2), "the refresh is under way");

        for (int i = 0; i < 5; i++) {
            models.require("ten_b", "sdxl"); // the expired copy says available: no call, no wait, no refusal
        }
        assertEquals(2, prompt.calls.get(), "the other submits did not call prompt-service");

        prompt.hold.countDown();
        ProblemException refused = assertThrows(ProblemException.class, () -> join(refreshing));
        assertEquals(409, refused.problem().status(), "the refreshing submit read the new copy");
        assertThrows(ProblemException.class, () -> models.require("ten_b", "sdxl"), "the new copy serves the next ones");
    }

    @Test
    void theFirstReadIsWaitedForAndMadeOnce() throws Throwable {
        SlowCatalogue prompt = new SlowCatalogue();
        prompt.hold = new CountDownLatch(1);
        ModelAvailability models = new ModelAvailability(prompt::read, Duration.ofMinutes(5), true);
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> models.require("ten_a", "sdxl"));
        assertTrue(prompt.inCall.await(GUARD_SECONDS, TimeUnit.SECONDS));
        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> models.require("ten_b", "sdxl"));
        prompt.hold.countDown();
        join(first);
        join(second);
        assertEquals(1, prompt.calls.get(), "the second waited for the first read instead of making its own");
    }

    @Test
    void anUnreadableCatalogueRefusesNothingAndIsNotAskedAgainWithinTheTtl() {
        AtomicInteger calls = new AtomicInteger();
        ModelAvailability models = new ModelAvailability(tenant -> {
            calls.incrementAndGet();
            throw new IllegalStateException("prompt-service down");
        }, Duration.ofMinutes(5), true);
        models.require("ten_a", "sdxl");
        models.require("ten_a", "sdxl");
        assertEquals(1, calls.get());
    }

    private static boolean await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(GUARD_SECONDS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    private static void join(CompletableFuture<Void> f) throws Throwable {
        try {
            f.get(GUARD_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause();
        }
    }
}
