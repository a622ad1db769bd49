package io.realskin.texture.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realskin.texture.config.WorkerConfig;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TextureWorkerPoolTest {
    private static final long SECOND = 1_000_000_000L;

    static WorkerConfig threads(int n) {
        return config(n, 128, Duration.ofSeconds(60));
    }

    static WorkerConfig config(int threads, int maxHeld, Duration maxQueueWait) {
        return new WorkerConfig() {
            @Override
            public int threads() {
                return threads;
            }

            @Override
            public int maxHeldRequests() {
                return maxHeld;
            }

            @Override
            public Duration maxQueueWait() {
                return maxQueueWait;
            }

            @Override
            public Duration maxRequestAge() {
                return Duration.ofMinutes(50);
            }

            @Override
            public Duration drainTimeout() {
                return Duration.ofSeconds(30);
            }

            @Override
            public int sourceRestoreHeapMib() {
                return 0;
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
    void fewerHeldRecordsThanThreadsIsRefusedAtStart() {
        var e = assertThrows(IllegalArgumentException.class, () -> new TextureWorkerPool(config(4, 3, Duration.ofSeconds(60))));
        assertTrue(e.getMessage().contains("max-held-requests (3)"), e.getMessage());
    }

    @Test
    void queuedJobsStartByTenantInTurnEachTenantsInArrivalOrder() throws Exception {
        TextureWorkerPool pool = new TextureWorkerPool(threads(1));
        CountDownLatch firstMayEnd = new CountDownLatch(1);
        List<String> started = new CopyOnWriteArrayList<>();
        CountDownLatch allDone = new CountDownLatch(7);
        run(pool, "a", "p0", () -> await(firstMayEnd));
        for (String job : List.of("a1", "a2", "a3", "a4")) {
            run(pool, "a", "p0", record(job, started, allDone));
        }
        run(pool, "b", "p1", record("b1", started, allDone));
        run(pool, "c", "p2", record("c1", started, allDone));
        run(pool, "b", "p1", record("b2", started, allDone));
        assertEquals(7, pool.queued());

        firstMayEnd.countDown();
        assertTrue(allDone.await(30, TimeUnit.SECONDS));
        assertEquals(List.of("a1", "b1", "c1", "a2", "b2", "a3", "a4"), started,
                "a's burst came first, yet b and c wait one turn each, not four");
    }

    @Test
    void recordsAreTakenUpToMaxHeldQueuedOrRunningAndJobsEndInAnyOrder() throws Exception {
        TextureWorkerPool pool = new TextureWorkerPool(config(2, 3, Duration.ofSeconds(60)));
        CountDownLatch slowMayEnd = new CountDownLatch(1);
        CountDownLatch fastEnded = new CountDownLatch(1);
        CountDownLatch queuedMayEnd = new CountDownLatch(1);

        run(pool, "a", "p0", () -> await(slowMayEnd));
        run(pool, "a", "p0", () -> {
            fastEnded.countDown();
            await(queuedMayEnd);
        });
        assertTrue(fastEnded.await(30, TimeUnit.SECONDS), "two threads: both run");
        run(pool, "a", "p0", () -> { });
        assertEquals(1, pool.queued(), "the third waits for a thread");
        CompletableFuture<Void> fourth = pool.reserve().toCompletableFuture();
        assertFalse(fourth.isDone(), "three held: no fourth record is taken");

        queuedMayEnd.countDown();
        fourth.get(30, TimeUnit.SECONDS); // the fast job ended first, while the slow one still runs
        slowMayEnd.countDown();
        pool.submit("a", "p0", () -> { });
        assertTrue(pool.drain(Duration.ofSeconds(30)));
    }

    @Test
    void noRecordIsTakenWhileTheOldestQueuedJobHasWaitedLongerThanMaxQueueWait() throws Exception {
        AtomicLong now = new AtomicLong();
        TextureWorkerPool pool = new TextureWorkerPool(config(1, 128, Duration.ofSeconds(60)), now::get);
        CountDownLatch firstMayEnd = new CountDownLatch(1);
        CountDownLatch queuedRan = new CountDownLatch(1);
        run(pool, "a", "p0", () -> await(firstMayEnd));
        run(pool, "b", "p0", queuedRan::countDown);
        now.addAndGet(60 * SECOND);
        assertTrue(pool.reserve().toCompletableFuture().isDone(), "60 s is not longer than 60 s");
        pool.submit("c", "p0", () -> { });

        now.addAndGet(SECOND);
        CompletableFuture<Void> next = pool.reserve().toCompletableFuture();
        assertFalse(next.isDone(), "b's job has queued 61 s: the queue drains first");
        firstMayEnd.countDown();
        assertTrue(queuedRan.await(30, TimeUnit.SECONDS));
        next.get(30, TimeUnit.SECONDS); // b's job started; c's, queued 1 s, is the oldest now
        pool.submit("d", "p0", () -> { });
        assertTrue(pool.drain(Duration.ofSeconds(30)));
    }

    @Test
    void queuedJobsOfPartitionsThisProcessLostAreDroppedUnstartedAndFreeTheirPlaces() throws Exception {
        TextureWorkerPool pool = new TextureWorkerPool(config(1, 3, Duration.ofSeconds(60)));
        CountDownLatch firstMayEnd = new CountDownLatch(1);
        CountDownLatch keptRan = new CountDownLatch(1);
        List<String> started = new CopyOnWriteArrayList<>();
        run(pool, "a", "p0", () -> await(firstMayEnd));
        run(pool, "a", "p1", () -> started.add("moved"));
        run(pool, "b", "p2", () -> {
            started.add("kept");
            keptRan.countDown();
        });
        CompletableFuture<Void> fourth = pool.reserve().toCompletableFuture();
        assertFalse(fourth.isDone());

        assertEquals(1, pool.dropQueued(List.of("p1", "p9")));
        assertEquals(1, pool.queued());
        firstMayEnd.countDown();
        fourth.get(30, TimeUnit.SECONDS);
        assertTrue(keptRan.await(30, TimeUnit.SECONDS));
        assertTrue(pool.drain(Duration.ofSeconds(30)));
        assertEquals(List.of("kept"), started, "the dropped job never ran");
    }

    @Test
    void drainWaitsForRunningJobsStartsNoQueuedOneAndTakesNoMoreRecords() throws Exception {
        TextureWorkerPool pool = new TextureWorkerPool(threads(1));
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch mayEnd = new CountDownLatch(1);
        CompletableFuture<Void> done = new CompletableFuture<>();
        CompletableFuture<Void> queuedRan = new CompletableFuture<>();
        run(pool, "a", "p0", () -> {
            started.countDown();
            await(mayEnd);
            done.complete(null);
        });
        started.await(30, TimeUnit.SECONDS);
        run(pool, "b", "p0", () -> queuedRan.complete(null));

        CompletableFuture<Boolean> drained = CompletableFuture.supplyAsync(() -> pool.drain(Duration.ofSeconds(60)));
        for (int i = 0; i < 3000 && !pool.draining(); i++) {
            Thread.sleep(10);
        }
        mayEnd.countDown();
        assertTrue(drained.get(60, TimeUnit.SECONDS), "the running job finished within the drain timeout");
        assertTrue(done.isDone());
        assertFalse(queuedRan.isDone(), "a queued job stays unstarted and unacknowledged, so it is redelivered");
        assertFalse(pool.reserve().toCompletableFuture().isDone());
    }

    @Test
    void drainGivesUpAfterItsTimeout() throws Exception {
        TextureWorkerPool pool = new TextureWorkerPool(threads(1));
        CountDownLatch never = new CountDownLatch(1);
        run(pool, "a", "p0", () -> await(never));
        assertFalse(pool.drain(Duration.ofMillis(50)), "left to redelivery");
        never.countDown();
    }

    /** As the consumer does: a place first (taken at once here), then the job. */
    private static void run(TextureWorkerPool pool, String tenant, String partition, Runnable job) throws Exception {
        pool.reserve().toCompletableFuture().get(30, TimeUnit.SECONDS);
        pool.submit(tenant, partition, job);
    }

    private static Runnable record(String name, List<String> started, CountDownLatch done) {
        return () -> {
            started.add(name);
            done.countDown();
        };
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
