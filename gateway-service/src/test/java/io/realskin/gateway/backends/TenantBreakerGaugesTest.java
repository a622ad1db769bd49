package io.realskin.gateway.backends;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import org.junit.jupiter.api.Test;

class TenantBreakerGaugesTest {
    /** One series for every tenant's guard showed the first tenant's state only: dropped, and no other meter. */
    @Test
    void theTenantGuardsStateGaugesAreDroppedAndNoOtherMeter() {
        assertTrue(TenantBreakerGauges.isTenantBreakerState(id("ft.circuitbreaker.state.current", "billing-tenant")));
        assertTrue(TenantBreakerGauges.isTenantBreakerState(id("ft.circuitbreaker.state.total", "texture-service-tenant")));
        assertFalse(TenantBreakerGauges.isTenantBreakerState(id("ft.circuitbreaker.state.current", "billing")));
        assertFalse(TenantBreakerGauges.isTenantBreakerState(id("ft.circuitbreaker.calls.total", "billing-tenant")));
    }

    private static Meter.Id id(String name, String method) {
        return new Meter.Id(name, Tags.of("method", method), null, null, Meter.Type.GAUGE);
    }
}
