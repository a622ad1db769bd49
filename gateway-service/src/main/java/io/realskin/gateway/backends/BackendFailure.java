package io.realskin.gateway.backends;

/**
 * A backend did not answer usefully (a 5xx that is not {@link BackendBusy}, connection refused, timeout): counts
 * against the calling tenant's circuit breaker, and against the backend's shared one only when {@link #unreachable()}
 * (see {@link Backend}).
 */
final class BackendFailure extends RuntimeException {
    private final boolean unreachable;

    BackendFailure(String message) {
        this(message, false);
    }

    BackendFailure(String message, boolean unreachable) {
        super(message, null, false, false);
        this.unreachable = unreachable;
    }

    /** The backend could not be reached at all: nothing a tenant sent can be the cause. */
    boolean unreachable() {
        return unreachable;
    }
}
