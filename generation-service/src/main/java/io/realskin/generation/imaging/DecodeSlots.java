package io.realskin.generation.imaging;

import io.realskin.generation.resilience.Bulkhead;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * At most one image decode (or composite) per core at once in this process, the others waiting in arrival order.
 * Answers arrive together (a bulkhead of 8 on 2 cores): sharing the cores eight ways, every decode would take eight
 * decodes' time and all would finish at the end; taken in turn, the first finish after one, and (with the cores to
 * itself, as a container's CPU quota gives it) none later than before. It also bounds the decoded pixels held at
 * once: eight 50 MP decodes side by side would need 1.2 GB of native memory.
 */
public final class DecodeSlots {
    /** One slot per core the JVM sees. */
    public static final DecodeSlots PROCESS = new DecodeSlots(Runtime.getRuntime().availableProcessors());
    /** A decode takes milliseconds: not getting a slot in this time means the process is stuck, not busy. */
    private static final Duration MAX_WAIT = Duration.ofMinutes(2);

    private final Bulkhead slots;

    public DecodeSlots(int slots) {
        if (slots < 1) {
            throw new IllegalArgumentException("decode slots must be at least 1, not " + slots);
        }
        this.slots = new Bulkhead(slots);
    }

    /** Runs {@code work} in a slot, waiting for one. */
    public <T> T run(Supplier<T> work) {
        if (!slots.acquire(MAX_WAIT)) {
            throw new IllegalStateException("no image decode slot free within " + MAX_WAIT.toSeconds() + " s");
        }
        try {
            return work.get();
        } finally {
            slots.release();
        }
    }
}
