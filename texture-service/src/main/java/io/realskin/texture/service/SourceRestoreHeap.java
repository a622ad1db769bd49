package io.realskin.texture.service;

import io.realskin.texture.config.WorkerConfig;
import io.realskin.texture.engine.HeapReservation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.Semaphore;

/**
 * The heap this worker lets 2x source-restores take at once. Such an upscale keeps about 160 bytes of heap per input
 * pixel (SourceRestorer.upscaleHeapBytes), so with the deployment's -Xmx768m two 3 MP jobs at once, or one 5 MP
 * job, were an OutOfMemoryError for whichever job of whichever tenant allocated next. A job reserves its share before
 * it starts and waits for it otherwise (first come, first served); one that needs more than the whole budget fails
 * too_large at once with the reason (docs/operations.md, Sizing).
 */
@ApplicationScoped
public class SourceRestoreHeap implements HeapReservation {
    private static final long KIB = 1024;

    private final Semaphore kib;
    private final long budgetKib;

    @Inject
    public SourceRestoreHeap(WorkerConfig config) {
        this(budget(config));
    }

    SourceRestoreHeap(long budgetBytes) {
        this.budgetKib = Math.max(1, budgetBytes / KIB);
        this.kib = new Semaphore((int) Math.min(Integer.MAX_VALUE, budgetKib), true);
    }

    private static long budget(WorkerConfig config) {
        int mib = config.sourceRestoreHeapMib();
        if (mib < 0) {
            throw new IllegalArgumentException("realskin.texture.worker.source-restore-heap-mib must be 0 (60 % of the heap) or more, not " + mib);
        }
        // the rest of the heap: the service itself and the other jobs' encoded bytes
        return mib == 0 ? Runtime.getRuntime().maxMemory() * 3 / 5 : mib * KIB * KIB;
    }

    @Override
    public Lease reserve(long bytes, String what) {
        long need = Math.max(1, (bytes + KIB - 1) / KIB);
        if (need > budgetKib) {
            throw HeapReservation.tooLarge(what, bytes, budgetBytes(),
                    "this worker's budget for them (realskin.texture.worker.source-restore-heap-mib)");
        }
        kib.acquireUninterruptibly((int) need);
        boolean[] closed = {false};
        return () -> {
            if (!closed[0]) {
                closed[0] = true;
                kib.release((int) need);
            }
        };
    }

    public long budgetBytes() {
        return budgetKib * KIB;
    }

    public long reservedBytes() {
        return (budgetKib - kib.availablePermits()) * KIB;
    }
}
