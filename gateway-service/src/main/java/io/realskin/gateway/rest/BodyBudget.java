package io.realskin.gateway.rest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.realskin.gateway.common.CountedSlots;
import io.realskin.gateway.config.GatewayConfig;
import io.realskin.gateway.problems.Problems;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Request bodies held at once on this replica, in KiB: a route reads its whole body (an upload up to 30 MiB) into
 * memory before it looks at it, so without a budget one tenant's parallel uploads fill the heap for every tenant
 * (docs/security.md). At most {@code realskin.bodies.max-in-flight-mib} in all and
 * {@code realskin.bodies.max-in-flight-mib-per-tenant} of one tenant's.
 */
@ApplicationScoped
public class BodyBudget {
    private final Semaphore replica;
    private final CountedSlots tenants;
    private final long perTenantBytes;
    private final Counter refusedForTenant;
    private final Counter refusedForReplica;

    public BodyBudget(GatewayConfig config, MeterRegistry registry) {
        this.replica = new Semaphore(config.bodies().maxInFlightMib() * 1024);
        this.tenants = new CountedSlots(config.bodies().maxInFlightMibPerTenant() * 1024);
        this.perTenantBytes = config.bodies().maxInFlightMibPerTenant() * 1024L * 1024L;
        registry.gauge("realskin.gateway.bodies.in.flight.bytes", this, BodyBudget::inFlightBytes);
        this.refusedForTenant = registry.counter("realskin.gateway.bodies.refused", "reason", "tenant");
        this.refusedForReplica = registry.counter("realskin.gateway.bodies.refused", "reason", "replica");
    }

    /** Bytes of the bodies taken and not given back, over every tenant. */
    public long inFlightBytes() {
        return tenants.total() * 1024L;
    }

    /**
     * Takes a body's bytes from the tenant's budget and the replica's, or throws 429 too-many-uploads (the tenant's
     * are in use) or 503 server-busy (the replica's are); run the returned action to give them back (once).
     */
    public Runnable take(String tenantId, long bytes) {
        int kib = (int) Math.min(Integer.MAX_VALUE, (bytes + 1023) / 1024);
        if (!tenants.tryTake(tenantId, kib)) {
            refusedForTenant.increment();
            throw Problems.tooManyUploads(perTenantBytes);
        }
        if (!replica.tryAcquire(kib)) {
            tenants.release(tenantId, kib);
            refusedForReplica.increment();
            throw Problems.serverBusy();
        }
        AtomicBoolean released = new AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true)) {
                replica.release(kib);
                tenants.release(tenantId, kib);
            }
        };
    }
}
