package io.realskin.gateway.backends;

import java.util.OptionalLong;

/**
 * A backend did not answer usefully (5xx, connection refused, timeout): counts against the calling tenant's circuit
 * breaker, and against the backend's shared one only when {@link #unreachable()} (see {@link Backend}). A 5xx that
 * said when to come back ({@code Retry-After}) keeps that wait for the caller's 503.
 */
final class BackendFailure extends RuntimeException {
    private final boolean unreachable;
    private final OptionalLong retryAfterSeconds;

    BackendFailure(String message) {
        this(message, false);
    }

    BackendFailure(String message, boolean unreachable) {
        this(message, unreachable, OptionalLong.empty());
    }

    BackendFailure(String message, OptionalLong retryAfterSeconds) {
        this(message, false, retryAfterSeconds);
    }

    private BackendFailure(String message, boolean unreachable, OptionalLong retryAfterSeconds) {
        super(message, null, false, false);
        this.unreachable = unreachable;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** The backend's Retry-After, already held to {@link BackendRetryAfter}'s range; empty when it sent none. */
    OptionalLong retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** The backend could not be reached at all: nothing a tenant sent can be the cause. */
    boolean unreachable() {
        return unreachable;
    }
}
