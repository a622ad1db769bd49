package io.realskin.gateway.jobs;

import io.micrometer.core.instrument.MeterRegistry;
import io.realskin.gateway.common.CountedSlots;
import io.realskin.gateway.config.GatewayConfig;
import io.realskin.gateway.problems.Problems;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Open SSE streams on this replica: at most {@code realskin.jobs.sse.max-streams-per-key} per API key and
 * {@code realskin.jobs.sse.max-streams-per-tenant} per tenant over all its keys (one tenant's 50 keys would otherwise
 * hold 1,000 connections).
 */
@ApplicationScoped
public class StreamSlots {
    private final CountedSlots perKey;
    private final CountedSlots perTenant;

    public StreamSlots(GatewayConfig config, MeterRegistry registry) {
        this.perKey = new CountedSlots(config.jobs().sse().maxStreamsPerKey());
        this.perTenant = new CountedSlots(config.jobs().sse().maxStreamsPerTenant());
        registry.gauge("realskin.gateway.sse.streams", perKey, CountedSlots::total);
    }

    /** Takes a slot of the key and one of its tenant, or throws 429 too-many-streams; the returned action gives both back (once). */
    Runnable take(String keyId, String tenantId) {
        if (!perKey.tryTake(keyId)) {
            throw Problems.tooManyStreams("this API key", perKey.perKey());
        }
        if (!perTenant.tryTake(tenantId)) {
            perKey.release(keyId);
            throw Problems.tooManyStreams("your account", perTenant.perKey());
        }
        AtomicBoolean released = new AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true)) {
                perKey.release(keyId);
                perTenant.release(tenantId);
            }
        };
    }

    /** Streams open on this replica. */
    int inUse() {
        return perKey.total();
    }
}
