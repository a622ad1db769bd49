package io.realskin.texture.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realskin.texture.config.WorkerConfig;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TextureWorkerPoolTest {
    static WorkerConfig threads(int n) {
        return new WorkerConfig() {
            @Override
            public int threads() {
                return n;
            }

            @Override
            public Duration drainTimeout() {
                return Duration.ofSeconds(30);
            }
        };
    }

    @Test
    void zeroThreadsMeansOnePerCore() {
        assertEquals(Runtime.getRuntime().availableProcessors(), new TextureWorkerPool(threads(0)).size());
        assertEquals(1, new TextureWorkerPool(threads(0)).threadsPerJob());
    }

    @Test
    void eachJobGetsItsShareOfTheCores() {
        int cores = Runtime.getRuntime().availableProcessors();
        assertEquals(cores, new TextureWorkerPool(threads(1)).threadsPerJob(), "one job at a time uses every core");
        assertEquals(1, new TextureWorkerPool(threads(cores * 3)).threadsPerJob(), "never less than one");
    }

    @Test
    void aRecordIsTakenOnlyWhenASlotIsFreeAndJobsEndInAnyOrder() throws Exception {
        TextureWorkerPool pool = new TextureWorkerPool(threads(2));
        CountDownLatch slowMayEnd = new CountDownLatch(1);
        CountDownLatch fastEnded = new CountDownLatch(1);

        assertTrue(pool.reserve().toCompletableFuture().isDone());
        pool.submit(() -> await(slowMayEnd));
        assertTrue(pool.reserve().toCompletableFuture().isDone());
        pool.submit(fastEnded::countDown);
        assertTrue(fastEnded.await(30, TimeUnit.SECONDS), "the fast job ended while the slow one still runs");

        CompletableFuture<Void> third = pool.reserve().toCompletableFuture();
        third.get(30, TimeUnit.SECONDS);
        assertEquals(1, pool.inFlight(), "the slow job holds the other slot");
        pool.submit(() -> { });
        CompletableFuture<Void> fourth = pool.reserve().toCompletableFuture();
        assertFalse(fourth.isDone() && pool.inFlight() == 2, "never more than two slots at once");
        slowMayEnd.countDown();
        fourth.get(30, TimeUnit.SECONDS);
        pool.submit(() -> { });
        assertTrue(pool.drain(Duration.ofSeconds(30)));
    }

    @Test
    void drainWaitsForRunningJobsAndHandsOutNoMoreSlots() throws Exception {
        TextureWorkerPool pool = new TextureWorkerPool(threads(1));
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch mayEnd = new CountDownLatch(1);
        CompletableFuture<Void> done = new CompletableFuture<>();
        pool.reserve().toCompletableFuture().get();
        pool.submit(() -> {
            started.countDown();
            await(mayEnd);
            done.complete(null);
        });
        started.await(30, TimeUnit.SECONDS);
        CompletableFuture<Void> waiting = pool.reserve().toCompletableFuture();

        CompletableFuture<Boolean> drained = CompletableFuture.supplyAsync(() -> pool.drain(Duration.ofSeconds(60)));
        for (int i = 0; i < 3000 && !pool.draining(); i++) {
            Thread.sleep(10);
        }
        mayEnd.countDown();
        assertTrue(drained.get(60, TimeUnit.SECONDS), "the running job finished within the drain timeout");
        assertTrue(done.isDone());
        assertFalse(waiting.isDone(), "a record waiting for a slot stays unacknowledged, so it is redelivered");
        assertFalse(pool.reserve().toCompletableFuture().isDone());
    }

    @Test
    void drainGivesUpAfterItsTimeout() throws Exception {
        TextureWorkerPool pool = new TextureWorkerPool(threads(1));
        CountDownLatch never = new CountDownLatch(1);
        pool.reserve().toCompletableFuture().get();
        pool.submit(() -> await(never));
        assertFalse(pool.drain(Duration.ofMillis(50)), "left to redelivery");
        never.countDown();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
