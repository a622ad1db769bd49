package io.realskin.gateway.jobs;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Runs a read each time it is signalled, one at a time: a signal that comes while a read runs gets one more read after
 * it, however many came. The signal is recorded before the read is claimed, so a read that ends at the same moment
 * always sees it: no signal is lost between "a read is running" and "it has just ended".
 */
final class SignalledReads {
    private final AtomicBoolean reading = new AtomicBoolean();
    private final AtomicBoolean wanted = new AtomicBoolean();
    private final Consumer<Runnable> read;

    /** @param read starts a read and runs the callback it is given when the read has ended (on any thread) */
    SignalledReads(Consumer<Runnable> read) {
        this.read = read;
    }

    void signal() {
        wanted.set(true);
        drain();
    }

    private void drain() {
        if (!reading.compareAndSet(false, true)) {
            return; // the read running sees `wanted` when it ends
        }
        wanted.set(false);
        read.accept(() -> {
            reading.set(false);
            if (wanted.get()) {
                drain();
            }
        });
    }
}
