package io.realskin.texture.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.realskin.imaging.ImageRejectedException;
import io.realskin.texture.engine.HeapReservation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SourceRestoreHeapTest {
    private static final long MIB = 1 << 20;

    @Test
    void aReservationIsHeldUntilItIsGivenBackOnce() {
        SourceRestoreHeap heap = new SourceRestoreHeap(100 * MIB);
        HeapReservation.Lease lease = heap.forTenant("a").reserve(30 * MIB, "a job");
        assertEquals(30 * MIB, heap.reservedBytes());
        lease.close();
        lease.close();
        assertEquals(0, heap.reservedBytes());
        assertEquals(100 * MIB, heap.budgetBytes());
    }

    @Test
    void moreThanTheWholeBudgetIsRefusedAtOnce() {
        SourceRestoreHeap heap = new SourceRestoreHeap(100 * MIB);
        var e = assertThrows(ImageRejectedException.class, () -> heap.forTenant("a").reserve(101 * MIB, "a 2x source-restore of 4000x3000"));
        assertEquals("too_large", e.code());
        assertEquals(0, heap.reservedBytes());
    }

    @Test
    void aReservationThatDoesNotFitNowWaitsForTheOneBeforeItAndAnInterruptDoesNotEndTheWait() throws Exception {
        SourceRestoreHeap heap = new SourceRestoreHeap(100 * MIB);
        HeapReservation.Lease first = heap.forTenant("a").reserve(70 * MIB, "first");
        AtomicReference<HeapReservation.Lease> second = new AtomicReference<>();
        Thread waiting = new Thread(() -> second.set(heap.forTenant("b").reserve(60 * MIB, "second")));
        waiting.start();
        awaitWaiting(waiting);
        waiting.interrupt();
        awaitWaiting(waiting);
        assertEquals(null, second.get(), "70 + 60 MB do not fit in 100");
        first.close();
        waiting.join();
        assertEquals(60 * MIB, heap.reservedBytes());
        second.get().close();
        assertEquals(0, heap.reservedBytes());
    }

    @Test
    void waitingJobsAreServedByTenantInTurnNotInArrivalOrder() throws Exception {
        SourceRestoreHeap heap = new SourceRestoreHeap(100 * MIB);
        HeapReservation.Lease held = heap.forTenant("a").reserve(100 * MIB, "a's first");
        List<String> served = Collections.synchronizedList(new ArrayList<>());
        List<HeapReservation.Lease> leases = Collections.synchronizedList(new ArrayList<>());
        List<Thread> jobs = new ArrayList<>();
        for (String job : List.of("a2", "a3", "b1")) { // a's two arrive before b's one
            Thread thread = new Thread(() -> {
                leases.add(heap.forTenant(job.substring(0, 1)).reserve(50 * MIB, job));
                served.add(job);
            });
            thread.start();
            awaitWaiting(thread);
            jobs.add(thread);
        }
        held.close();
        awaitServed(served, 2);
        assertEquals(List.of("a2", "b1"), served.stream().sorted().toList(), "b's turn comes after a's first, not after all of a's");
        leases.forEach(HeapReservation.Lease::close);
        awaitServed(served, 3);
        for (Thread job : jobs) {
            job.join(10_000);
        }
    }

    private static void awaitWaiting(Thread thread) {
        while (thread.getState() != Thread.State.WAITING && thread.getState() != Thread.State.TIMED_WAITING) {
            Thread.onSpinWait();
        }
    }

    private static void awaitServed(List<String> served, int count) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (served.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(count, served.size(), served.toString());
    }
}
