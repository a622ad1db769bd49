package io.realskin.generation.imaging;

import java.time.Duration;
import java.util.Comparator;
import java.util.OptionalInt;
import java.util.PriorityQueue;
import java.util.function.Supplier;

/**
 * At most one image decode (or composite, or an answer's base64 read) per core at once in this process, the others
 * waiting, the job whose provider answer arrived first going first. Answers arrive together (a bulkhead of 8 on 2
 * cores): sharing the cores eight ways, every job would take eight jobs' time and all would finish at the end; taken in
 * turn, the first finish after one, and (with the cores to itself, as a container's CPU quota gives it) none later
 * than before. Ordered by the answer's arrival rather than by the request for a slot, a job that read its answer and
 * now checks the image goes before the answers that came after its own: each job's steps run back to back instead of
 * every job reading first and checking last. It also bounds the decoded pixels held at once: eight 50 MP decodes side
 * by side would need 1.2 GB of native memory.
 */
public final class DecodeSlots {
    /** One slot per core the JVM sees. */
    public static final DecodeSlots PROCESS = new DecodeSlots(Runtime.getRuntime().availableProcessors());
    /** A decode takes milliseconds: not getting a slot in this time means the process is stuck, not busy. */
    private static final Duration MAX_WAIT = Duration.ofMinutes(2);

    /** A thread waiting for a slot: its answer's arrival ({@link System#nanoTime()}), then the order it asked. */
    private record Waiter(long since, long order) {
    }

    private final PriorityQueue<Waiter> waiting = new PriorityQueue<>(
            Comparator.comparingLong(Waiter::since).thenComparingLong(Waiter::order));
    private int free;
    private long asked;

    public DecodeSlots(int slots) {
        if (slots < 1) {
            throw new IllegalArgumentException("decode slots must be at least 1, not " + slots);
        }
        this.free = slots;
    }

    /** The configured number of slots, or {@link #PROCESS} when none is configured. */
    public static DecodeSlots of(OptionalInt slots) {
        return slots.isPresent() ? new DecodeSlots(slots.getAsInt()) : PROCESS;
    }

    /** Runs {@code work} in a slot, after the work of answers that arrived earlier; for work of no answer, in turn. */
    public <T> T run(Supplier<T> work) {
        return run(System.nanoTime(), work);
    }

    /**
     * Runs {@code work} in a slot, waiting for one; among the waiting, the smallest {@code since} (the
     * {@link System#nanoTime()} its job's provider answer arrived) goes first, then the first to ask.
     */
    public <T> T run(long since, Supplier<T> work) {
        acquire(since);
        try {
            return work.get();
        } finally {
            release();
        }
    }

    private synchronized void acquire(long since) {
        if (free > 0 && waiting.isEmpty()) {
            free--;
            return;
        }
        Waiter me = new Waiter(since, asked++);
        waiting.add(me);
        long deadline = System.nanoTime() + MAX_WAIT.toNanos();
        boolean taken = false;
        try {
            while (free == 0 || waiting.peek() != me) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException("no image decode slot free within " + MAX_WAIT.toSeconds() + " s");
                }
                wait(Math.max(1, left / 1_000_000));
            }
            waiting.poll();
            free--;
            taken = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for an image decode slot");
        } finally {
            if (!taken) {
                waiting.remove(me);
            }
            notifyAll(); // the next in line may take a slot still free, or be first now that this one left
        }
    }

    /** How many wait for a slot now. */
    synchronized int waiting() {
        return waiting.size();
    }

    private synchronized void release() {
        free++;
        notifyAll();
    }
}
