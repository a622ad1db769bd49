package io.realskin.support.fair;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Weighted, tenant-fair permits: who is served, in which order, and what a request that gives up leaves behind. */
class FairPermitsTest {
    private static final Duration LONG = Duration.ofSeconds(30);

    @Test
    void aLargeRequestWhoseTurnItIsIsNotOvertakenBySmallerOnesThatWouldFit() throws Exception {
        FairPermits permits = new FairPermits(10);
        assertTrue(permits.acquire("held", 8, Duration.ZERO));
        List<String> served = Collections.synchronizedList(new ArrayList<>());
        Thread big = waitFor(permits, "a", 5, "a5", served, LONG);
        Thread small = waitFor(permits, "b", 1, "b1", served, LONG);
        assertEquals(2, permits.waiting(), "b1 would fit in the 2 free permits, but a5 came first");
        assertEquals(List.of(), served);

        permits.release(3);
        awaitServed(served, 1);
        assertEquals(List.of("a5"), served, "5 free: a5's turn");
        assertEquals(1, permits.waiting(), "b1 waits for a permit of its own");
        permits.release(1);
        awaitServed(served, 2);
        assertEquals(List.of("a5", "b1"), served);
        assertEquals(10, permits.inUse());
        big.join(10_000);
        small.join(10_000);
    }

    @Test
    void freedPermitsServeSeveralWaitersTenantsInTurn() throws Exception {
        FairPermits permits = new FairPermits(6);
        assertTrue(permits.acquire("held", 6, Duration.ZERO));
        List<String> served = Collections.synchronizedList(new ArrayList<>());
        List<Thread> callers = new ArrayList<>();
        for (String caller : List.of("a1", "a2", "a3", "b1")) {
            callers.add(waitFor(permits, caller.substring(0, 1), 2, caller, served, LONG));
        }
        permits.release(6);
        awaitServed(served, 3);
        assertEquals(List.of("a1", "a2", "b1"), served.stream().sorted().toList(), "three fit; b's turn comes after a's first");
        assertEquals(1, permits.waiting(), "a3 waits for the next release");
        permits.release(2);
        awaitServed(served, 4);
        assertEquals("a3", served.get(3));
        for (Thread caller : callers) {
            caller.join(10_000);
        }
    }

    @Test
    void aRequestThatGivesUpLetsTheOneBehindItFitAtOnce() throws Exception {
        FairPermits permits = new FairPermits(10);
        assertTrue(permits.acquire("held", 8, Duration.ZERO));
        List<String> served = Collections.synchronizedList(new ArrayList<>());
        Thread big = waitFor(permits, "a", 5, "a5", served, Duration.ofMillis(300));
        Thread small = waitFor(permits, "b", 2, "b2", served, LONG);
        big.join(10_000);
        awaitServed(served, 1);
        assertEquals(List.of("b2"), served, "a5 gave up: b2 took the 2 free permits without any release");
        assertEquals(10, permits.inUse());
        small.join(10_000);
    }

    @Test
    void anInterruptedWaiterLeavesNothingTaken() throws Exception {
        FairPermits permits = new FairPermits(1);
        assertTrue(permits.acquire("held", 1, Duration.ZERO));
        List<String> served = Collections.synchronizedList(new ArrayList<>());
        Thread waiter = waitFor(permits, "a", 1, "a1", served, LONG);
        waiter.interrupt();
        waiter.join(10_000);
        assertEquals(0, permits.waiting());
        permits.release(1);
        assertEquals(0, permits.inUse());
        assertEquals(List.of(), served);
    }

    @Test
    void aTenantWithItsShareOfWaitersIsRefusedAtOnceWhileAnotherTenantStillQueuesAndIsServedInTurn() throws Exception {
        FairPermits permits = new FairPermits(1, 2);
        assertTrue(permits.acquire("a", 1, Duration.ZERO));
        List<String> served = Collections.synchronizedList(new ArrayList<>());
        Thread a1 = waitFor(permits, "a", 1, "a1", served, LONG);
        Thread a2 = waitFor(permits, "a", 1, "a2", served, LONG);
        AtomicBoolean third = new AtomicBoolean(true);
        Thread a3 = new Thread(() -> third.set(permits.acquire("a", 1, LONG)));
        a3.start();
        a3.join(10_000);
        assertFalse(a3.isAlive(), "a's third request does not wait");
        assertFalse(third.get());
        assertEquals(2, permits.waiting());
        Thread b1 = waitFor(permits, "b", 1, "b1", served, LONG);
        assertEquals(3, permits.waiting(), "b's request queues though a's are refused");
        for (int released = 1; released <= 3; released++) {
            permits.release(1);
            awaitServed(served, released);
        }
        assertEquals(List.of("a1", "b1", "a2"), served, "b's turn comes after a's first, not after all of a's");
        assertThrows(IllegalArgumentException.class, () -> new FairPermits(1, -1));
        for (Thread caller : List.of(a1, a2, b1)) {
            caller.join(10_000);
        }
    }

    @Test
    void requestsOutsideTheCapacityAreRefused() {
        FairPermits permits = new FairPermits(4);
        assertThrows(IllegalArgumentException.class, () -> permits.acquire("a", 5, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> permits.acquire("a", 0, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new FairPermits(0));
        assertTrue(permits.acquire("a", 4, Duration.ZERO));
        assertFalse(permits.acquire("b", 1, Duration.ZERO), "none free, no wait");
    }

    /** A thread waiting for {@code count} permits as {@code tenant}; it records {@code name} once served. Returned once it waits. */
    private static Thread waitFor(FairPermits permits, String tenant, long count, String name, List<String> served, Duration wait)
            throws InterruptedException {
        int before = permits.waiting();
        Thread caller = new Thread(() -> {
            if (permits.acquire(tenant, count, wait)) {
                served.add(name);
            }
        });
        caller.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (permits.waiting() == before && caller.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        return caller;
    }

    private static void awaitServed(List<String> served, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (served.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }
}
