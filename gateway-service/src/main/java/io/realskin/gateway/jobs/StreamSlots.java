package io.realskin.gateway.jobs;

import io.micrometer.core.instrument.MeterRegistry;
import io.realskin.gateway.config.GatewayConfig;
import io.realskin.gateway.problems.Problems;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/** Open SSE streams per API key on this replica, at most {@code realskin.jobs.sse.max-streams-per-key}. */
@ApplicationScoped
public class StreamSlots {
    private final Map<String, Integer> open = new ConcurrentHashMap<>();
    private final int max;

    public StreamSlots(GatewayConfig config, MeterRegistry registry) {
        this.max = config.jobs().sse().maxStreamsPerKey();
        registry.gauge("realskin.gateway.sse.streams", open, streams -> streams.values().stream().mapToInt(Integer::intValue).sum());
    }

    /** Takes one of the key's slots, or throws 429 too-many-streams; run the returned action to give it back (once). */
    Runnable take(String keyId) {
        boolean[] taken = {false};
        open.compute(keyId, (key, n) -> {
            int now = n == null ? 0 : n;
            if (now >= max) {
                return n;
            }
            taken[0] = true;
            return now + 1;
        });
        if (!taken[0]) {
            throw Problems.tooManyStreams(max);
        }
        AtomicBoolean released = new AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true)) {
                open.computeIfPresent(keyId, (key, n) -> n <= 1 ? null : n - 1);
            }
        };
    }
}
