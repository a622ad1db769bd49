package io.realskin.gateway.tenants;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Suspensions, for the dashboard and alerts: {@code realskin_gateway_tenants_suspended_total} and
 * {@code realskin_gateway_tenants_resumed_total} count the changes (a suspension of a tenant already suspended, a
 * resumption of one that is active, are not); the requests they refuse are
 * {@code realskin_gateway_tenants_suspended_requests_total} ({@link io.realskin.gateway.auth.AuthFilter}). Never
 * labelled by tenant. Erasures: {@code realskin_gateway_tenants_erased_total}, {@code
 * realskin_gateway_tenants_erased_rows_total{kind}}, and {@code realskin_gateway_tenants_erasure_waiting{reason}}, the
 * erasing tenants this replica's last sweep found stuck (alert TenantErasureStuck): waiting for their queued or running
 * jobs to be canceled ({@code jobs}), for billing to close the account ({@code billing}), or paused by a failing step
 * ({@code failing}). Made at start, so the gauges answer 0 before any erasure.
 */
@Startup
@ApplicationScoped
public class TenantMetrics {
    /** Why an erasure's batch did not go on, as the gauge's {@code reason}. */
    public enum ErasureWait {
        JOBS, BILLING, FAILING
    }

    private final MeterRegistry registry;
    private final Map<ErasureWait, AtomicInteger> waiting = Map.of(ErasureWait.JOBS, new AtomicInteger(),
            ErasureWait.BILLING, new AtomicInteger(), ErasureWait.FAILING, new AtomicInteger());

    public TenantMetrics(MeterRegistry registry) {
        this.registry = registry;
        waiting.forEach((reason, count) -> registry.gauge("realskin.gateway.tenants.erasure.waiting",
                Tags.of("reason", reason.name().toLowerCase(Locale.ROOT)), count));
    }

    /** What the last sweep found: how many erasing tenants waited, by reason (absent: none). */
    void erasuresWaiting(Map<ErasureWait, Integer> counts) {
        waiting.forEach((reason, count) -> count.set(counts.getOrDefault(reason, 0)));
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
