package io.realskin.gateway.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.realskin.gateway.config.TestGatewayConfig;
import io.realskin.support.problem.ProblemException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StreamSlotsTest {
    private final StreamSlots slots = new StreamSlots(TestGatewayConfig.with(Map.of(
            "realskin.jobs.sse.max-streams-per-key", "2", "realskin.jobs.sse.max-streams-per-tenant", "3")), new SimpleMeterRegistry());

    @Test
    void aTenantsKeysTogetherHoldAtMostTheTenantsStreams() {
        Runnable first = slots.take("key_a", "ten_a");
        slots.take("key_a", "ten_a");
        ProblemException key = assertThrows(ProblemException.class, () -> slots.take("key_a", "ten_a"));
        assertEquals(429, key.problem().status());
        assertEquals(2, key.problem().members().get("maxStreams"), "the key's own limit");
        slots.take("key_b", "ten_a");
        ProblemException tenant = assertThrows(ProblemException.class, () -> slots.take("key_c", "ten_a"),
                "a fresh key of a tenant at its limit");
        assertEquals(3, tenant.problem().members().get("maxStreams"), "the tenant's limit");
        assertEquals(3, slots.inUse(), "a refused stream holds nothing");
        slots.take("key_d", "ten_b");
        first.run();
        first.run();
        assertEquals(3, slots.inUse(), "giving a stream back twice gives back one");
        slots.take("key_c", "ten_a");
    }
}
