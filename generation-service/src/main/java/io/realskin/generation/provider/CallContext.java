package io.realskin.generation.provider;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * What an adapter needs besides the call: the job's deadline ({@link System#nanoTime()} based), a listener for its
 * stages, the journal of tasks it submitted, whether the job has been canceled since it started, and its tenant (whose
 * turn its wait for a provider slot takes).
 */
public record CallContext(long deadlineNanos, ProgressListener progress, TaskJournal tasks, BooleanSupplier canceled,
                          String tenant) {

    /** A job that no cancel reaches, of no tenant (tests, tools). */
    public CallContext(long deadlineNanos, ProgressListener progress, TaskJournal tasks) {
        this(deadlineNanos, progress, tasks, () -> false, "");
    }

    public Duration remaining() {
        return Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
    }

    public boolean expired() {
        return System.nanoTime() >= deadlineNanos;
    }

    /** Before each attempt, retry and poll: a canceled job makes no further provider call. */
    public void requireNotCanceled() {
        if (canceled.getAsBoolean()) {
            throw new JobCanceled("canceled: the worker stopped before its next provider call");
        }
    }
}
