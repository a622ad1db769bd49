package io.realskin.gateway.backends;

/**
 * A backend did not answer usefully (a 5xx that is not {@link BackendBusy}, connection refused, timeout): counts
 * against the calling tenant's circuit breaker, and against the backend's shared one only when {@link #unreachable()}
 * (see {@link Backend}); retried, where the call is safe to repeat, unless it {@link #timedOut()}.
 */
final class BackendFailure extends RuntimeException {
    private final boolean unreachable;
    private final boolean timedOut;

    BackendFailure(String message) {
        this(message, false, false);
    }

    BackendFailure(String message, boolean unreachable, boolean timedOut) {
        super(message, null, false, false);
        this.unreachable = unreachable;
        this.timedOut = timedOut;
    }

    /** The backend could not be reached at all: nothing a tenant sent can be the cause. */
    boolean unreachable() {
        return unreachable;
    }

    /** No answer within the read timeout: the backend may still be working on the request. */
    boolean timedOut() {
        return timedOut;
    }
}
