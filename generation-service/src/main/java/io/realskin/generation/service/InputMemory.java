package io.realskin.generation.service;

import io.quarkus.runtime.Startup;
import io.realskin.contracts.blob.BlobKeys;
import io.realskin.contracts.blob.BlobStore;
import io.realskin.generation.config.GenerationConfig;
import io.realskin.support.fair.FairPermits;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The heap this process lets jobs' inputs take at once (docs/generation.md, "Memory per job"). A job with references
 * or an inpaint's image and mask holds their bytes from the read to its end and, while a provider's body is built from
 * them, under {@value #HEAP_PER_STORED_BYTE} times their stored size; 64 such jobs waiting on providers would be
 * several times the heap, an {@code OutOfMemoryError} for whichever job, of whichever tenant, allocates next. So a job
 * reserves that much of this budget before it reads its inputs and waits for it otherwise, tenants served in turn
 * ({@link FairPermits}); a job larger than the whole budget reserves all of it and runs alone.
 */
@Startup
@ApplicationScoped
public class InputMemory {
    /** Heap one stored byte of input can take at once: held, then base64 in the JSON tree, its text and the body's bytes. */
    static final int HEAP_PER_STORED_BYTE = 6;

    private final FairPermits bytes;

    @Inject
    public InputMemory(GenerationConfig config) {
        this(budget(config));
    }

    private static long budget(GenerationConfig config) {
        if (config.inputMemoryMib().isEmpty()) {
            return Runtime.getRuntime().maxMemory() / 2;
        }
        int mib = config.inputMemoryMib().getAsInt();
        if (mib < 1) {
            throw new IllegalArgumentException("realskin.generation.input-memory-mib must be at least 1, not " + mib);
        }
        return mib * 1024L * 1024L;
    }

    InputMemory(long budgetBytes) {
        this.bytes = new FairPermits(budgetBytes);
    }

    /** Memory reserved for one job's inputs, given back by {@link #close()}. */
    public final class Lease implements AutoCloseable {
        private final long reserved;
        private boolean closed;

        private Lease(long reserved) {
            this.reserved = reserved;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                bytes.release(reserved);
            }
        }
    }

    /**
     * Reserves the heap for {@code storedBytes} of a job's inputs, waiting at most {@code wait} after the reservations of
     * tenants whose turn comes first; empty when the wait ran out.
     */
    public Optional<Lease> reserve(String tenant, long storedBytes, Duration wait) {
        long need = Math.max(1, Math.min(bytes.capacity(), storedBytes * HEAP_PER_STORED_BYTE));
        return bytes.acquire(tenant, need, wait) ? Optional.of(new Lease(need)) : Optional.empty();
    }

    /**
     * The stored size of the blobs under {@code keys} added up; a key that is unsafe or names nothing counts 0 (reading
     * it fails the job with its own code afterwards).
     */
    static long storedBytes(BlobStore blobs, List<String> keys) throws IOException {
        long total = 0;
        for (String key : keys) {
            if (key != null && BlobKeys.isSafe(key)) {
                total += Math.max(0, blobs.size(key));
            }
        }
        return total;
    }

    public long budgetBytes() {
        return bytes.capacity();
    }

    public long reservedBytes() {
        return bytes.inUse();
    }

    /** Jobs waiting for their reservation now. */
    public int waitingJobs() {
        return bytes.waiting();
    }
}
