package io.realskin.gateway.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** JobWatch's reads: one at a time, and a signal is never lost, not even one that comes as a read ends. */
class SignalledReadsTest {
    private final AtomicInteger started = new AtomicInteger();
    private final AtomicReference<Runnable> running = new AtomicReference<>();
    private final SignalledReads reads = new SignalledReads(finished -> {
        started.incrementAndGet();
        running.set(finished);
    });

    @Test
    void aSignalStartsAReadAndSignalsDuringItGetOneMoreAfterIt() {
        reads.signal();
        assertEquals(1, started.get());
        reads.signal();
        reads.signal();
        reads.signal();
        assertEquals(1, started.get(), "one read at a time");
        running.getAndSet(null).run();
        assertEquals(2, started.get(), "the three signals got one more read");
        running.getAndSet(null).run();
        assertEquals(2, started.get());
        assertNull(running.get());
    }

    @Test
    void aSignalAsAReadEndsIsNeverLost() throws Exception {
        reads.signal();
        CyclicBarrier together = new CyclicBarrier(2);
        for (int round = 0; round < 2_000; round++) {
            int before = started.get();
            Runnable finish = running.getAndSet(null);
            assertNotNull(finish, "round " + round + ": no read running");
            Thread signaller = new Thread(() -> {
                await(together);
                reads.signal();
            });
            signaller.start();
            await(together);
            finish.run();
            signaller.join();
            assertEquals(before + 1, started.get(), "round " + round + ": the signal got no read");
        }
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
