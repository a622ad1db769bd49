package io.realskin.generation.resilience;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Consecutive provider-side failures (5xx, timeouts, connection failures) open the circuit: calls are refused at once
 * for {@code openFor}, so jobs fail over (or fail) fast instead of queueing on a provider that is down. Then one call
 * is let through; its success closes the circuit, its failure opens it again. Client errors, moderation and quota do
 * not count: they say nothing about the provider's health.
 */
public final class CircuitBreaker {
    public enum State { CLOSED, OPEN, HALF_OPEN }

    private final int threshold;
    private final long openForNanos;
    private final LongSupplier clock;
    private State state = State.CLOSED;
    private int failures;
    private long openedAt;
    private boolean trialRunning;

    public CircuitBreaker(int threshold, Duration openFor) {
        this(threshold, openFor, System::nanoTime);
    }

    public CircuitBreaker(int threshold, Duration openFor, LongSupplier clock) {
        this.threshold = threshold;
        this.openForNanos = openFor.toNanos();
        this.clock = clock;
    }

    /**
     * True while the circuit is open and its time is not up: a call would be refused. Unlike {@link #tryAcquire} it
     * takes no trial, so a caller may ask before it waits for anything else.
     */
    public synchronized boolean refusing() {
        return state == State.OPEN && clock.getAsLong() - openedAt < openForNanos;
    }

    /** True when a call may go out now; a half-open circuit lets one trial call through at a time. */
    public synchronized boolean tryAcquire() {
        if (state == State.OPEN && clock.getAsLong() - openedAt >= openForNanos) {
            state = State.HALF_OPEN;
            trialRunning = false;
        }
        return switch (state) {
            case CLOSED -> true;
            case OPEN -> false;
            case HALF_OPEN -> {
                if (trialRunning) {
                    yield false;
                }
                trialRunning = true;
                yield true;
            }
        };
    }

    public synchronized void onSuccess() {
        state = State.CLOSED;
        failures = 0;
        trialRunning = false;
    }

    /** A failed call; {@code providerFault} false for failures that say nothing about the provider's health. */
    public synchronized void onFailure(boolean providerFault) {
        if (!providerFault) {
            if (state == State.HALF_OPEN) {
                trialRunning = false; // the provider answered: let the next call try
            }
            return;
        }
        failures++;
        if (state == State.HALF_OPEN || failures >= threshold) {
            state = State.OPEN;
            openedAt = clock.getAsLong();
            trialRunning = false;
        }
    }

    public synchronized State state() {
        return state;
    }

    /** Time until an open circuit lets a trial call through. */
    public synchronized Duration retryIn() {
        return state == State.OPEN ? Duration.ofNanos(Math.max(0, openForNanos - (clock.getAsLong() - openedAt))) : Duration.ZERO;
    }
}
