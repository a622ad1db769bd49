package io.realskin.texture.engine;

import io.realskin.imaging.ImageRejectedException;

/**
 * Heap a step reserves before it allocates it: the engine asks, its caller decides. A worker running several jobs in
 * one JVM shares a budget between them (texture-service's SourceRestoreHeap); a lone process has only its maximum
 * heap ({@link #WITHIN_MAX_HEAP}).
 */
@FunctionalInterface
public interface HeapReservation {
    /**
     * Reserves {@code bytes} for the step {@code what} names, waiting for them if others hold them.
     *
     * @throws ImageRejectedException too_large when this process can never give that much
     */
    Lease reserve(long bytes, String what);

    /** A reservation, given back by {@link #close()}. */
    interface Lease extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Refuses what is over the part of the JVM's maximum heap not in use now, which would end in an
     * OutOfMemoryError; reserves nothing.
     */
    HeapReservation WITHIN_MAX_HEAP = (bytes, what) -> {
        Runtime runtime = Runtime.getRuntime();
        long free = runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
        if (bytes > free) {
            throw tooLarge(what, bytes, free, "this process's maximum heap (-Xmx) less what it uses");
        }
        return () -> { };
    };

    /** The refusal of a step that needs more than {@code limit} bytes, which {@code limitName} names. */
    static ImageRejectedException tooLarge(String what, long bytes, long limit, String limitName) {
        return ImageRejectedException.tooLarge(what + " needs about " + mib(bytes) + " MB of heap, more than "
                + limitName + " allows (" + mib(limit) + " MB); ask for upscale 1 or send a smaller image");
    }

    private static long mib(long bytes) {
        return (bytes + (1 << 20) - 1) >> 20;
    }
}
