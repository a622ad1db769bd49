package io.realskin.gateway.common;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Units in use at once on this replica (waits, body KiB, prompt-service calls): at most {@code perTenant} of one tenant's and
 * {@code inAll} over every tenant. A refusal is counted under {@code refusedMeter} with reason {@code tenant} or
 * {@code replica}.
 */
public final class TenantSlots {
    public enum Refusal { TENANT, REPLICA }

    /** The action that gives the units back (once), or why none were taken. */
    public record Taken(Runnable release, Refusal refusal) {
    }

    private final CountedSlots tenants;
    private final Semaphore replica;
    private final Counter refusedForTenant;
    private final Counter refusedForReplica;

    public TenantSlots(int perTenant, int inAll, MeterRegistry registry, String refusedMeter) {
        this.tenants = new CountedSlots(perTenant);
        this.replica = new Semaphore(inAll);
        this.refusedForTenant = registry.counter(refusedMeter, "reason", "tenant");
        this.refusedForReplica = registry.counter(refusedMeter, "reason", "replica");
    }

    /** Units taken and not given back, over every tenant. */
    public int total() {
        return tenants.total();
    }

    /** Takes {@code units} from the tenant's share and the replica's, all or none. */
    public Taken tryTake(String tenantId, int units) {
        if (!tenants.tryTake(tenantId, units)) {
            refusedForTenant.increment();
            return new Taken(null, Refusal.TENANT);
        }
        if (!replica.tryAcquire(units)) {
            tenants.release(tenantId, units);
            refusedForReplica.increment();
            return new Taken(null, Refusal.REPLICA);
        }
        AtomicBoolean released = new AtomicBoolean();
        return new Taken(() -> {
            if (released.compareAndSet(false, true)) {
                replica.release(units);
                tenants.release(tenantId, units);
            }
        }, null);
    }
}
