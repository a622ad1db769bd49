package io.realskin.gateway.tenants;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Suspensions, for the dashboard and alerts: {@code realskin_gateway_tenants_suspended_total} and
 * {@code realskin_gateway_tenants_resumed_total} count the changes (a suspension of a tenant already suspended, a
 * resumption of one that is active, are not); the requests they refuse are
 * {@code realskin_gateway_tenants_suspended_requests_total} ({@link io.realskin.gateway.auth.AuthFilter}). Never
 * labelled by tenant.
 */
@ApplicationScoped
public class TenantMetrics {
    private final MeterRegistry registry;

    public TenantMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void suspended() {
        registry.counter("realskin.gateway.tenants.suspended").increment();
    }

    void resumed() {
        registry.counter("realskin.gateway.tenants.resumed").increment();
    }

    void erased() {
        registry.counter("realskin.gateway.tenants.erased").increment();
    }

    void erasedRows(String kind, long rows) {
        if (rows > 0) {
            registry.counter("realskin.gateway.tenants.erased.rows", "kind", kind).increment(rows);
        }
    }
}
