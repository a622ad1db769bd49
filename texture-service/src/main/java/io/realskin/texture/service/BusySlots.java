package io.realskin.texture.service;

import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * At most {@code count} computations of one kind at once on this replica; one more is refused at once with a
 * {@link BusyException} (503 with Retry-After, {@code rest/TextureProblems}) instead of queueing, so an interactive
 * endpoint cannot starve the process or the job workers.
 */
public final class BusySlots {
    private final Semaphore permits;
    private final String what;

    /** @param count 0 or less: one per available core */
    BusySlots(int count, String what) {
        this.permits = new Semaphore(count > 0 ? count : Runtime.getRuntime().availableProcessors());
        this.what = what;
    }

    <T> T run(Supplier<T> work) {
        if (!permits.tryAcquire()) {
            throw new BusyException("every " + what + " slot is busy");
        }
        try {
            return work.get();
        } finally {
            permits.release();
        }
    }

    /** Thrown when every slot of a kind is taken. */
    public static final class BusyException extends RuntimeException {
        BusyException(String message) {
            super(message, null, false, false);
        }
    }
}
