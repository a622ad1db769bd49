package io.realskin.gateway.client;

/** A backend did not answer usefully (5xx, connection refused, timeout): counts against its circuit breaker. */
final class BackendFailure extends RuntimeException {
    BackendFailure(String message) {
        super(message, null, false, false);
    }
}
