package io.realskin.gateway.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.realskin.gateway.config.TestGatewayConfig;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WaitSlotsTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final WaitSlots slots = new WaitSlots(TestGatewayConfig.with(Map.of(
            "realskin.jobs.max-waits", "3", "realskin.jobs.max-waits-per-tenant", "2")), registry);

    @Test
    void aTenantWaitsOnlyUpToItsShare() {
        Optional<Runnable> first = slots.tryTake("ten_a");
        assertTrue(first.isPresent());
        assertTrue(slots.tryTake("ten_a").isPresent());
        assertTrue(slots.tryTake("ten_a").isEmpty(), "a third wait of one tenant is declined");
        assertTrue(slots.tryTake("ten_b").isPresent(), "another tenant still waits");
        assertEquals(3, slots.inUse());
        assertEquals(1.0, declined("tenant"));
        first.get().run();
        first.get().run();
        assertEquals(2, slots.inUse(), "giving a slot back twice gives back one");
        assertTrue(slots.tryTake("ten_a").isPresent());
    }

    @Test
    void theReplicasWaitsAreBoundedOverAllTenants() {
        Runnable a = slots.tryTake("ten_a").orElseThrow();
        slots.tryTake("ten_b").orElseThrow();
        slots.tryTake("ten_c").orElseThrow();
        assertTrue(slots.tryTake("ten_d").isEmpty(), "the replica's last wait is taken");
        assertEquals(1.0, declined("replica"));
        assertEquals(3, slots.inUse(), "a declined tenant holds nothing");
        a.run();
        assertTrue(slots.tryTake("ten_d").isPresent());
    }

    private double declined(String reason) {
        return registry.get("realskin.gateway.job.waits.declined").tag("reason", reason).counter().count();
    }
}
