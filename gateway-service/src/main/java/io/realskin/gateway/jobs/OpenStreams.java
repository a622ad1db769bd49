package io.realskin.gateway.jobs;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This replica's open event streams, ended together when it starts to shut down. An SSE stream is a request under
 * way: left open, it holds the stop for all of quarkus.shutdown.timeout (65 s) and is then cut. Ended at the first
 * step of the shutdown, before the wait for requests, it closes as at its maximum duration and its client reconnects
 * with Last-Event-ID, to a replica that stays. A stream opened after that point ends at once.
 */
@ApplicationScoped
public class OpenStreams {
    private final Set<Runnable> ends = ConcurrentHashMap.newKeySet();
    private volatile boolean closing;

    /**
     * Keeps {@code end}, which ends one stream, until the returned runnable forgets it (the stream has ended); runs it
     * at once when the replica is shutting down.
     */
    public Runnable open(Runnable end) {
        ends.add(end);
        if (closing) {
            endAll();
        }
        return () -> ends.remove(end);
    }

    /** Fired by Quarkus before it waits for requests under way (quarkus.shutdown.delay-enabled, no delay set). */
    void onShutdownStarting(@Observes ShutdownDelayInitiatedEvent event) {
        closing = true;
        endAll();
    }

    private void endAll() {
        for (Runnable end : ends) {
            if (ends.remove(end)) {
                end.run();
            }
        }
    }
}
