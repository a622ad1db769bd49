package io.realskin.gateway.common;

import io.realskin.gateway.problems.Problems;
import java.time.Duration;

/**
 * The moment by which a transaction's statements must be done for it to commit while its caller still waits: four
 * fifths of the wait, the rest left for the COMMIT. A transaction past it rolls back (503), because the caller's wait
 * ends before the transaction does (the pool does not cancel it): a pooled connection's wait or several slow statements
 * would otherwise commit what the caller was told had failed, and a retry would do it twice.
 */
public final class CommitDeadline {
    private final long deadline;

    private CommitDeadline(long deadline) {
        this.deadline = deadline;
    }

    /** Starts now, for a caller that waits {@code wait}. */
    public static CommitDeadline within(Duration wait) {
        return new CommitDeadline(System.nanoTime() + statementsWithin(wait).toNanos());
    }

    /** The part of a caller's {@code wait} that the statements may take: four fifths of it. */
    public static Duration statementsWithin(Duration wait) {
        return Duration.ofNanos(wait.toNanos() * 4 / 5);
    }

    /** 503 when the statements ended too late to commit in time; call last in the transaction. */
    public void require() {
        if (System.nanoTime() - deadline > 0) {
            throw Problems.unavailable("database");
        }
    }
}
