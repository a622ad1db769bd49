package io.realskin.gateway.jobs;

import io.micrometer.core.instrument.MeterRegistry;
import io.realskin.gateway.common.CountedSlots;
import io.realskin.gateway.config.GatewayConfig;
import io.realskin.gateway.problems.Problems;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicBoolean;

/** Open SSE streams per API key on this replica, at most {@code realskin.jobs.sse.max-streams-per-key}. */
@ApplicationScoped
public class StreamSlots {
    private final CountedSlots open;

    public StreamSlots(GatewayConfig config, MeterRegistry registry) {
        this.open = new CountedSlots(config.jobs().sse().maxStreamsPerKey());
        registry.gauge("realskin.gateway.sse.streams", open, CountedSlots::total);
    }

    /** Takes one of the key's slots, or throws 429 too-many-streams; run the returned action to give it back (once). */
    Runnable take(String keyId) {
        if (!open.tryTake(keyId)) {
            throw Problems.tooManyStreams(open.perKey());
        }
        AtomicBoolean released = new AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true)) {
                open.release(keyId);
            }
        };
    }
}
