package io.realskin.texture.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.realskin.imaging.ImageRejectedException;
import io.realskin.texture.engine.HeapReservation;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SourceRestoreHeapTest {
    private static final long MIB = 1 << 20;

    @Test
    void aReservationIsHeldUntilItIsGivenBackOnce() {
        SourceRestoreHeap heap = new SourceRestoreHeap(100 * MIB);
        HeapReservation.Lease lease = heap.reserve(30 * MIB, "a job");
        assertEquals(30 * MIB, heap.reservedBytes());
        lease.close();
        lease.close();
        assertEquals(0, heap.reservedBytes());
        assertEquals(100 * MIB, heap.budgetBytes());
    }

    @Test
    void moreThanTheWholeBudgetIsRefusedAtOnce() {
        SourceRestoreHeap heap = new SourceRestoreHeap(100 * MIB);
        var e = assertThrows(ImageRejectedException.class, () -> heap.reserve(101 * MIB, "a 2x source-restore of 4000x3000"));
        assertEquals("too_large", e.code());
        assertEquals(0, heap.reservedBytes());
    }

    @Test
    void aReservationThatDoesNotFitNowWaitsForTheOneBeforeIt() throws Exception {
        SourceRestoreHeap heap = new SourceRestoreHeap(100 * MIB);
        HeapReservation.Lease first = heap.reserve(70 * MIB, "first");
        AtomicReference<HeapReservation.Lease> second = new AtomicReference<>();
        Thread waiting = new Thread(() -> second.set(heap.reserve(60 * MIB, "second")));
        waiting.start();
        while (waiting.getState() != Thread.State.WAITING) {
            Thread.onSpinWait();
        }
        assertEquals(null, second.get(), "70 + 60 MB do not fit in 100");
        first.close();
        waiting.join();
        assertEquals(60 * MIB, heap.reservedBytes());
        second.get().close();
        assertEquals(0, heap.reservedBytes());
    }
}
