package io.realskin.gateway.rest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.realskin.gateway.common.CountedSlots;
import io.realskin.gateway.config.GatewayConfig;
import io.realskin.gateway.problems.Problems;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Bodies held in memory at once on this replica, in KiB: a route reads its whole request body (an upload up to 30
 * MiB) before it looks at it, and an image's content is sent from memory, so without a budget one tenant's parallel
 * uploads or downloads fill the heap for every tenant (docs/security.md). At most
 * {@code realskin.bodies.max-in-flight-mib} in all and {@code realskin.bodies.max-in-flight-mib-per-tenant} of one
 * tenant's; a body larger than a tenant's whole share takes the whole share (it goes through alone).
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

    /** {@link #take} for the body of {@code request} or of its answer, given back when the exchange has ended. */
    public void takeUntilEnd(RoutingContext request, String tenantId, long bytes) {
        Runnable release = take(tenantId, bytes);
        request.addEndHandler(done -> release.run());
    }

    /**
     * Takes a body's bytes from the tenant's budget and the replica's, or throws 429 too-many-transfers (the tenant's
     * are in use) or 503 server-busy (the replica's are); run the returned action to give them back (once).
     */
    public Runnable take(String tenantId, long bytes) {
        int kib = (int) ((Math.min(bytes, perTenantBytes) + 1023) / 1024);
        if (!tenants.tryTake(tenantId, kib)) {
            refusedForTenant.increment();
            throw Problems.tooManyTransfers(perTenantBytes);
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
