package io.realskin.texture.service;

import io.realskin.support.fair.FairPermits;
import io.realskin.texture.config.WorkerConfig;
import io.realskin.texture.engine.HeapReservation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The heap this worker lets 2x source-restores take at once. Such an upscale keeps 48 bytes of heap per input pixel
 * and a strip of its features (SourceRestorer.upscaleHeapBytes; 160 bytes per input pixel until 2026-12-07). Without
 * a budget, two 3 MP jobs at once, or one 5 MP job, were an OutOfMemoryError with the deployment's -Xmx768m for
 * whichever job of whichever tenant allocated next. A job reserves its share before it starts and waits for it
 * otherwise, waiting jobs served by tenant in turn ({@link FairPermits}: one tenant's burst of large sources delays another tenant's job by one turn); one that needs more than the whole budget fails
 * too_large at once with the reason (docs/operations.md, Sizing).
 */
@ApplicationScoped
public class SourceRestoreHeap {
    private static final long KIB = 1024;
    /** A wait is never given up (a job either gets its heap or waits for the jobs ahead of it); this only re-arms it. */
    private static final Duration WAIT_ROUND = Duration.ofHours(1);

    private final FairPermits kib;
    private final long budgetKib;

    @Inject
    public SourceRestoreHeap(WorkerConfig config) {
        this(budget(config));
    }

    SourceRestoreHeap(long budgetBytes) {
        this.budgetKib = Math.max(1, budgetBytes / KIB);
        this.kib = new FairPermits(budgetKib);
    }

    private static long budget(WorkerConfig config) {
        int mib = config.sourceRestoreHeapMib();
        if (mib < 0) {
            throw new IllegalArgumentException("realskin.texture.worker.source-restore-heap-mib must be 0 (60 % of the heap) or more, not " + mib);
        }
        // the rest of the heap: the service itself and the other jobs' encoded bytes
        return mib == 0 ? Runtime.getRuntime().maxMemory() * 3 / 5 : mib * KIB * KIB;
    }

    /** The budget as a job of {@code tenantId} reserves from it. */
    public HeapReservation forTenant(String tenantId) {
        return (bytes, what) -> reserve(tenantId, bytes, what);
    }

    private HeapReservation.Lease reserve(String tenantId, long bytes, String what) {
        long need = Math.max(1, (bytes + KIB - 1) / KIB);
        if (need > budgetKib) {
            throw HeapReservation.tooLarge(what, bytes, budgetBytes(),
                    "this worker's budget for them (realskin.texture.worker.source-restore-heap-mib)");
        }
        boolean interrupted = false;
        while (!kib.acquire(tenantId, need, WAIT_ROUND)) {
            interrupted |= Thread.interrupted(); // as before: a job waits for its heap whatever interrupts it
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        AtomicBoolean closed = new AtomicBoolean();
        return () -> {
            if (closed.compareAndSet(false, true)) {
                kib.release(need);
            }
        };
    }

    public long budgetBytes() {
        return budgetKib * KIB;
    }

    public long reservedBytes() {
        return kib.inUse() * KIB;
    }
}
