package io.realskin.gateway.backends;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.realskin.gateway.config.TestGatewayConfig;
import io.realskin.support.problem.ProblemException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PromptCallSlotsTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final PromptCallSlots slots = new PromptCallSlots(TestGatewayConfig.with(Map.of(
            "realskin.backends.max-prompt-calls", "3", "realskin.backends.max-prompt-calls-per-tenant", "2")), registry);

    @Test
    void aTenantsCallsBeyondItsShareAre429WhileAnotherTenantsGoThrough() {
        Runnable first = slots.take("ten_a");
        slots.take("ten_a");
        ProblemException refused = assertThrows(ProblemException.class, () -> slots.take("ten_a"));
        assertEquals(429, refused.problem().status());
        assertEquals("https://realskin.io/problems/too-many-prompt-calls", refused.problem().type(), "calls in progress, not the rate");
        assertEquals(2, refused.problem().extensions().get("limit"));
        assertEquals("1", refused.headers().get("Retry-After"));
        slots.take("ten_b");
        assertEquals(1.0, refusals("tenant"));
        first.run();
        first.run();
        assertEquals(2, slots.inUse(), "a slot given back twice is given back once");
        slots.take("ten_a");
    }

    @Test
    void theReplicasCallsBeyondItsBoundAre503ServerBusy() {
        Runnable a = slots.take("ten_a");
        slots.take("ten_b");
        slots.take("ten_c");
        ProblemException refused = assertThrows(ProblemException.class, () -> slots.take("ten_d"));
        assertEquals(503, refused.problem().status());
        assertEquals("https://realskin.io/problems/server-busy", refused.problem().type());
        assertEquals(1.0, refusals("replica"));
        assertEquals(3, slots.inUse(), "a refused tenant holds nothing");
        a.run();
        slots.take("ten_d");
    }

    private double refusals(String reason) {
        return registry.get("realskin.gateway.prompt.calls.refused").tag("reason", reason).counter().count();
    }
}
