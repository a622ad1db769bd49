package io.realskin.texture.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BusySlotsTest {
    private static final Duration LONG = Duration.ofSeconds(30);

    @Test
    void withoutAQueueOneMoreThanTheSlotsIsRefusedAtOnceAndASlotIsFreeAgainAfterwards() {
        BusySlots slots = new BusySlots(1, 0, LONG, "thumbnail");
        BusySlots.BusyException refused = slots.run("a", () -> assertThrows(BusySlots.BusyException.class,
                () -> slots.run("b", () -> "second")));
        assertEquals("every thumbnail slot is busy", refused.getMessage());
        assertEquals("again", slots.run("a", () -> "again"));
        assertThrows(IllegalStateException.class, () -> slots.run("a", () -> {
            throw new IllegalStateException("work failed");
        }));
        assertEquals("after a failure", slots.run("a", () -> "after a failure"), "a failed computation gives its slot back");
    }

    @Test
    void anotherTenantsRequestWaitsForTheBusySlotWhileTheBusyTenantsExtraRequestIsRefused() throws Exception {
        BusySlots slots = new BusySlots(1, 1, LONG, "preview");
        ExecutorService callers = Executors.newFixedThreadPool(3);
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> slots.run("a", () -> {
            holding.countDown();
            await(finish);
            return "a1";
        }), callers);
        holding.await(10, TimeUnit.SECONDS);
        CompletableFuture<String> queuedOfA = CompletableFuture.supplyAsync(() -> slots.run("a", () -> "a2"), callers);
        awaitWaiting(slots, 1);
        CompletableFuture<String> queuedOfB = CompletableFuture.supplyAsync(() -> slots.run("b", () -> "b1"), callers);
        awaitWaiting(slots, 2);
        assertThrows(BusySlots.BusyException.class, () -> slots.run("a", () -> "a3"), "a already has a request waiting");
        finish.countDown();
        assertEquals("a1", first.get(10, TimeUnit.SECONDS));
        assertEquals("b1", queuedOfB.get(10, TimeUnit.SECONDS), "b waited for the slot instead of a 503");
        assertEquals("a2", queuedOfA.get(10, TimeUnit.SECONDS));
        callers.shutdown();
    }

    @Test
    void aRequestThatWaitedItsTimeIsRefused() {
        BusySlots slots = new BusySlots(1, 4, Duration.ofMillis(50), "profile");
        assertThrows(BusySlots.BusyException.class, () -> slots.run("a", () -> slots.run("b", () -> "never")));
    }

    private static void awaitWaiting(BusySlots slots, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (slots.waiting() < count && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(count, slots.waiting());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
