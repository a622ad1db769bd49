package io.realskin.gateway.jobs;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.realskin.gateway.common.CountedSlots;
import io.realskin.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Requests waiting for their job to end ({@code Prefer: wait}) on this replica: each holds a worker thread, so there
 * are at most {@code realskin.jobs.max-waits} at once, {@code realskin.jobs.max-waits-per-tenant} of one tenant's,
 * well below the worker pool that every tenant's uploads and submits share.
 */
@ApplicationScoped
public class WaitSlots {
    private final Semaphore replica;
    private final CountedSlots tenants;
    private final Counter declinedForTenant;
    private final Counter declinedForReplica;

    public WaitSlots(GatewayConfig config, MeterRegistry registry) {
        this.replica = new Semaphore(config.jobs().maxWaits());
        this.tenants = new CountedSlots(config.jobs().maxWaitsPerTenant());
        registry.gauge("realskin.gateway.job.waits", tenants, CountedSlots::total);
        this.declinedForTenant = registry.counter("realskin.gateway.job.waits.declined", "reason", "tenant");
        this.declinedForReplica = registry.counter("realskin.gateway.job.waits.declined", "reason", "replica");
    }

    /** Waits in progress on this replica. */
    public int inUse() {
        return tenants.total();
    }

    /** One wait for the tenant, with the action that gives it back (once); empty when the tenant's or the replica's are all in use. */
    Optional<Runnable> tryTake(String tenantId) {
        if (!tenants.tryTake(tenantId)) {
            declinedForTenant.increment();
            return Optional.empty();
        }
        if (!replica.tryAcquire()) {
            tenants.release(tenantId);
            declinedForReplica.increment();
            return Optional.empty();
        }
        AtomicBoolean released = new AtomicBoolean();
        return Optional.of(() -> {
            if (released.compareAndSet(false, true)) {
                replica.release();
                tenants.release(tenantId);
            }
        });
    }
}
