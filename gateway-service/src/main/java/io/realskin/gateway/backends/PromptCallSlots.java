package io.realskin.gateway.backends;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.realskin.gateway.common.TenantSlots;
import io.realskin.gateway.config.GatewayConfig;
import io.realskin.gateway.problems.Problems;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * prompt-service calls in progress from this replica: its enhance and lint are CPU-bound (a crafted 4,000-character
 * prompt costs a core about a quarter of a second) and it has no per-tenant bound of its own, so without one here a
 * tenant's concurrent calls at its rate limit queue ahead of every other tenant's until all time out. At most
 * {@code realskin.backends.max-prompt-calls} at once and {@code realskin.backends.max-prompt-calls-per-tenant} of one
 * tenant's (sizing: docs/api.md, "Prompt calls in progress"). Made at start, so that its meters are exported at 0
 * before the first call: the alert PromptCallsRefusedForReplicaBound reads the refusals' rate.
 */
@Startup
@ApplicationScoped
public class PromptCallSlots {
    private final TenantSlots slots;
    private final int perTenant;

    public PromptCallSlots(GatewayConfig config, MeterRegistry registry) {
        this.perTenant = config.backends().maxPromptCallsPerTenant();
        this.slots = new TenantSlots(perTenant, config.backends().maxPromptCalls(), registry, "realskin.gateway.prompt.calls.refused");
        registry.gauge("realskin.gateway.prompt.calls.in.flight", slots, TenantSlots::total);
    }

    /** Calls in progress on this replica, over every tenant. */
    public int inUse() {
        return slots.total();
    }

    /**
     * A call for the tenant, or 429 too-many-prompt-calls (the tenant's are all in progress) or 503 server-busy (the replica's
     * are); run the returned action to give it back (once).
     */
    Runnable take(String tenantId) {
        TenantSlots.Taken taken = slots.tryTake(tenantId, 1);
        if (taken.refusal() == TenantSlots.Refusal.TENANT) {
            throw Problems.tooManyPromptCalls(perTenant);
        }
        if (taken.refusal() == TenantSlots.Refusal.REPLICA) {
            throw Problems.serverBusy("prompt-service calls");
        }
        return taken.release();
    }
}
