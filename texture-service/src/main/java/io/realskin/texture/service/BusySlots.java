package io.realskin.texture.service;

import io.realskin.support.fair.FairPermits;
import io.realskin.texture.config.SlotsConfig;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * At most {@code count} computations of one kind at once on this replica, so an interactive endpoint cannot starve the
 * process or the job workers. A request that finds them all busy waits, tenants served in turn ({@link FairPermits}),
 * at most {@link SlotsConfig#maxWait()} and with at most {@link SlotsConfig#waitingPerTenant()} of its tenant's requests
 * waiting; otherwise it is refused with a {@link BusyException} (503 with Retry-After, {@code rest/TextureProblems}).
 */
public final class BusySlots {
    private final FairPermits permits;
    private final Duration wait;
    private final String what;

    /** @param count 0 or less: one per available core */
    BusySlots(int count, SlotsConfig queue, String what) {
        this(count, queue.waitingPerTenant(), queue.maxWait(), what);
    }

    BusySlots(int count, int waitingPerTenant, Duration wait, String what) {
        this.permits = new FairPermits(count > 0 ? count : Runtime.getRuntime().availableProcessors(), waitingPerTenant);
        this.wait = wait;
        this.what = what;
    }

    <T> T run(String tenantId, Supplier<T> work) {
        if (!permits.acquire(tenantId, 1, wait)) {
            throw new BusyException("every " + what + " slot is busy");
        }
        try {
            return work.get();
        } finally {
            permits.release(1);
        }
    }

    /** Requests waiting for a slot now. */
    int waiting() {
        return permits.waiting();
    }

    /** Thrown when every slot of a kind is taken. */
    public static final class BusyException extends RuntimeException {
        BusyException(String message) {
            super(message, null, false, false);
        }
    }
}
