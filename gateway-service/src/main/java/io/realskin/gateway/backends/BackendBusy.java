package io.realskin.gateway.backends;

import io.realskin.gateway.problems.Problems;
import io.realskin.support.problem.ProblemException;

/**
 * A backend that said "busy, come back then": a 503 or a 429 with a {@code Retry-After} the gateway can read
 * ({@link BackendRetryAfter}), as texture-service answers a preview while every preview slot is in use. An answer, no
 * failure: {@link Backend} does not try it again and no breaker counts it (asking again at once would only add to the
 * load the backend just refused). The caller gets it at once with that wait: a 503 as {@code backend-unavailable}, a
 * 429 as the backend's own problem.
 */
final class BackendBusy extends RuntimeException {
    private final long retryAfterSeconds;
    private final BackendProblem limited;

    private BackendBusy(long retryAfterSeconds, BackendProblem limited) {
        super("busy, retry after " + retryAfterSeconds + " s", null, false, false);
        this.retryAfterSeconds = retryAfterSeconds;
        this.limited = limited;
    }

    /** A 503 with Retry-After: the backend is up, its capacity is not. */
    static BackendBusy unavailable(long retryAfterSeconds) {
        return new BackendBusy(retryAfterSeconds, null);
    }

    /** A 429 with Retry-After: its problem is passed on as it is, Retry-After included. */
    static BackendBusy limited(BackendProblem answer, long retryAfterSeconds) {
        return new BackendBusy(retryAfterSeconds, answer);
    }

    long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    ProblemException toCaller(String backend) {
        return limited != null ? limited.toCaller(backend) : Problems.unavailable(backend, retryAfterSeconds);
    }
}
