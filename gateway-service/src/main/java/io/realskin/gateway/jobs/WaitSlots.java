package io.realskin.gateway.jobs;

import io.micrometer.core.instrument.MeterRegistry;
import io.realskin.gateway.common.TenantSlots;
import io.realskin.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Requests waiting for their job to end ({@code Prefer: wait}) on this replica: each holds a worker thread, so there
 * are at most {@code realskin.jobs.max-waits} at once, {@code realskin.jobs.max-waits-per-tenant} of one tenant's,
 * well below the worker pool that every tenant's uploads and submits share.
 */
@ApplicationScoped
public class WaitSlots {
    private final TenantSlots slots;

    public WaitSlots(GatewayConfig config, MeterRegistry registry) {
        this.slots = new TenantSlots(config.jobs().maxWaitsPerTenant(), config.jobs().maxWaits(), registry,
                "realskin.gateway.job.waits.declined");
        registry.gauge("realskin.gateway.job.waits", slots, TenantSlots::total);
    }

    /** Waits in progress on this replica. */
    public int inUse() {
        return slots.total();
    }

    /** One wait for the tenant, with the action that gives it back (once); empty when the tenant's or the replica's are all in use. */
    Optional<Runnable> tryTake(String tenantId) {
        return Optional.ofNullable(slots.tryTake(tenantId, 1).release());
    }
}
