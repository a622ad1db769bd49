package io.realskin.generation.resilience;

import java.time.Duration;

/** Waits between attempts and polls. Tests pass their own to see the waits asked for without spending them. */
@FunctionalInterface
public interface Pauser {
    Pauser SLEEP = duration -> {
        try {
            Thread.sleep(Math.max(0, duration.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting", e);
        }
    };

    void pause(Duration duration);
}
