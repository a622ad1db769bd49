package io.realskin.generation.imaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Decodes take turns: never more at once than there are slots, the earliest answer first, and a failed one frees its slot. */
class DecodeSlotsTest {

    @Test
    void neverMoreAtOnceThanSlots() throws Exception {
        DecodeSlots slots = new DecodeSlots(2);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch twoIn = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                int n = i;
                done.add(pool.submit(() -> slots.run(() -> {
                    most.accumulateAndGet(running.incrementAndGet(), Math::max);
                    twoIn.countDown();
                    await(release);
                    running.decrementAndGet();
                    return n;
                })));
            }
            assertEquals(true, twoIn.await(30, TimeUnit.SECONDS), "two got a slot");
            release.countDown();
            int sum = 0;
            for (Future<Integer> f : done) {
                sum += f.get(30, TimeUnit.SECONDS);
            }
            assertEquals(15, sum, "every one ran, with its own result");
            assertEquals(2, most.get());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theWaitingGoInTheOrderTheirAnswersArrivedNotTheOrderTheyAsked() throws Exception {
        DecodeSlots slots = new DecodeSlots(1);
        List<Long> ran = new java.util.concurrent.CopyOnWriteArrayList<>();
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Future<?> holder = pool.submit(() -> slots.run(0, () -> {
                holding.countDown();
                await(release);
                return null;
            }));
            assertEquals(true, holding.await(30, TimeUnit.SECONDS));
            List<Future<?>> waiting = new ArrayList<>();
            for (long since : new long[] {300, 100, 200}) { // asked in this order, answers arrived 100, 200, 300
                waiting.add(pool.submit(() -> slots.run(since, () -> ran.add(since))));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (slots.waiting() < waiting.size() && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
            }
            assertEquals(3, slots.waiting());
            release.countDown();
            holder.get(30, TimeUnit.SECONDS);
            for (Future<?> f : waiting) {
                f.get(30, TimeUnit.SECONDS);
            }
            assertEquals(List.of(100L, 200L, 300L), ran);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFailedDecodeFreesItsSlot() {
        DecodeSlots slots = new DecodeSlots(1);
        assertThrows(IllegalArgumentException.class, () -> slots.run(() -> {
            throw new IllegalArgumentException("bad image");
        }));
        assertEquals("next", slots.run(() -> "next"));
    }

    @Test
    void noSlotsIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new DecodeSlots(0));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
