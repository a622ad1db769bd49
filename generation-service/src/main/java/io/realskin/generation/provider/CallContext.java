package io.realskin.generation.provider;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * What an adapter needs besides the call: the job's deadline ({@link System#nanoTime()} based), a listener for its
 * stages, the journal of tasks it submitted, whether the job has been canceled since it started, its tenant (whose
 * turn its wait for a provider slot takes), and how long the job has waited for the blob store since the call began
 * ({@code storeNanos}: a BFL task's journal is written and read during the call, and a wait for the store is no time at
 * the provider, so it moves the deadline, as the job's store calls before its provider call do).
 */
public record CallContext(long deadlineNanos, ProgressListener progress, TaskJournal tasks, BooleanSupplier canceled,
                          String tenant, LongSupplier storeNanos) {

    public CallContext(long deadlineNanos, ProgressListener progress, TaskJournal tasks, BooleanSupplier canceled, String tenant) {
        this(deadlineNanos, progress, tasks, canceled, tenant, () -> 0);
    }

    /** A job that no cancel reaches, of no tenant (tests, tools). */
    public CallContext(long deadlineNanos, ProgressListener progress, TaskJournal tasks) {
        this(deadlineNanos, progress, tasks, () -> false, "");
    }

    private long deadline() {
        return deadlineNanos + storeNanos.getAsLong();
    }

    public Duration remaining() {
        return Duration.ofNanos(Math.max(0, deadline() - System.nanoTime()));
    }

    public boolean expired() {
        return System.nanoTime() >= deadline();
    }

    /** Before each attempt, retry and poll: a canceled job makes no further provider call. */
    public void requireNotCanceled() {
        if (canceled.getAsBoolean()) {
            throw new JobCanceled("canceled: the worker stopped before its next provider call");
        }
    }
}
