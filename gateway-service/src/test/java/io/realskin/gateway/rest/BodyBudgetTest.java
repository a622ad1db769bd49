package io.realskin.gateway.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.realskin.gateway.config.GatewayConfig;
import io.realskin.gateway.config.TestGatewayConfig;
import io.realskin.support.problem.ProblemException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BodyBudgetTest {
    private static final long MIB = 1024 * 1024;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final GatewayConfig config = TestGatewayConfig.with(Map.of(
            "realskin.bodies.max-in-flight-mib", "3", "realskin.bodies.max-in-flight-mib-per-tenant", "2"));
    private final BodyBudget budget = new BodyBudget(config, registry, new TransferDeadline(config, registry));

    @Test
    void aTenantsBodiesStayWithinItsShare() {
        Runnable first = budget.take("ten_a", MIB);
        budget.take("ten_a", MIB - 1024);
        ProblemException refused = assertThrows(ProblemException.class, () -> budget.take("ten_a", 1025),
                "1 KiB short of the share: a body of 1025 bytes takes 2 KiB");
        assertEquals("https://realskin.io/problems/too-many-transfers", refused.problem().type());
        assertEquals(429, refused.problem().status());
        assertEquals("1", refused.headers().get("Retry-After"));
        budget.take("ten_a", 1024);
        budget.take("ten_b", MIB);
        assertEquals(3 * MIB, budget.inFlightBytes());
        first.run();
        first.run();
        assertEquals(2 * MIB, budget.inFlightBytes(), "giving bytes back twice gives them back once");
        assertEquals(1.0, registry.get("realskin.gateway.bodies.refused").tag("reason", "tenant").counter().count());
    }

    @Test
    void theReplicasBodiesAreBoundedOverAllTenants() {
        budget.take("ten_a", 2 * MIB);
        Runnable b = budget.take("ten_b", MIB);
        ProblemException busy = assertThrows(ProblemException.class, () -> budget.take("ten_c", 1));
        assertEquals(503, busy.problem().status());
        assertEquals("https://realskin.io/problems/server-busy", busy.problem().type());
        assertEquals(3 * MIB, budget.inFlightBytes(), "the refused tenant holds nothing");
        b.run();
        budget.take("ten_c", MIB);
    }
}
