package io.realskin.gateway.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.realskin.gateway.config.GatewayConfig;
import io.realskin.gateway.config.TestGatewayConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TransferDeadlineTest {
    private static final long MIB = 1024 * 1024;

    @Test
    void aBodyGetsTheGracePlusItsSizeAtTheMinimumRate() {
        TransferDeadline defaults = new TransferDeadline(TestGatewayConfig.with(Map.of()), new SimpleMeterRegistry());
        assertEquals(30_000, defaults.allowedMillis(0));
        assertEquals(30_000 + 960_000, defaults.allowedMillis(30 * MIB), "a 30 MiB upload at 32 KiB/s: 16 minutes");

        GatewayConfig fast = TestGatewayConfig.with(Map.of("realskin.bodies.transfer-grace", "2s", "realskin.bodies.min-kib-per-second", "1024"));
        TransferDeadline deadline = new TransferDeadline(fast, new SimpleMeterRegistry());
        assertEquals(2_000 + 3_000, deadline.allowedMillis(3 * MIB));
    }
}
