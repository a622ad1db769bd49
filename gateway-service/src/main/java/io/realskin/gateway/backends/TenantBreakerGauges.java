package io.realskin.gateway.backends;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Drops the fault-tolerance state gauges ({@code ft.circuitbreaker.state.current}, {@code ft.circuitbreaker.state.total})
 * of the per-tenant guards of {@link Backend}: one per tenant under one meter id, so Micrometer kept the first tenant's
 * and logged {@code Gauge has been already registered} for each next one. {@code realskin.gateway.backend.tenant.breakers.open}
 * counts the open ones instead. Their counters are shared meters and stay (every tenant's calls together).
 */
public class TenantBreakerGauges {
    @Produces
    @Singleton
    MeterFilter tenantBreakerGauges() {
        return MeterFilter.deny(TenantBreakerGauges::isTenantBreakerState);
    }

    static boolean isTenantBreakerState(Meter.Id id) {
        String method = id.getTag("method");
        return id.getName().startsWith("ft.circuitbreaker.state.") && method != null && method.endsWith(Backend.TENANT_GUARD);
    }
}
