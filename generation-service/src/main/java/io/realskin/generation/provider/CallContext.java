package io.realskin.generation.provider;

import java.time.Duration;

/**
 * What an adapter needs besides the call: the job's deadline ({@link System#nanoTime()} based), a listener for its
 * stages, and the journal of tasks it submitted.
 */
public record CallContext(long deadlineNanos, ProgressListener progress, TaskJournal tasks) {

    public Duration remaining() {
        return Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
    }

    public boolean expired() {
        return System.nanoTime() >= deadlineNanos;
    }
}
