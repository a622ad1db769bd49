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

/** Decodes take turns: never more at once than there are slots, and a failed one frees its slot. */
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
