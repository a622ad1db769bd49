package io.realskin.prompt.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.realskin.local.HostileRequestProbe;
import io.realskin.local.ServiceKeys;
import io.realskin.local.ServiceKeysResource;
import io.realskin.local.ServiceTokenProbe;
import io.realskin.local.ServiceTokenProbe.Call;
import java.net.URL;
import io.realskin.support.metrics.RouteLabels;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** prompt-service answers the gateway's service token for prompt-service, and nothing else (docs/security.md). */
@QuarkusTest
@QuarkusTestResource(ServiceKeysResource.class)
class ServiceTokenTest {
    @TestHTTPResource("/prompts/lint")
    URL lint;

    @TestHTTPResource("/")
    URL base;

    @TestHTTPResource("/models")
    URL models;

    @Test
    void withoutTheGatewaysTokenEveryCallIs401() {
        ServiceTokenProbe.assertRefused(ServiceKeys.shared(), "prompt-service", Call.post(lint.toString(), "{\"prompt\":\"a stunning woman\"}"));
        ServiceTokenProbe.assertRefused(ServiceKeys.shared(), "prompt-service", Call.get(models.toString()));
    }

    /**
     * A Content-Type or Accept that is no media type, a coded body or one that is no JSON, on every route: a 4xx problem
     * with the token, 401 without one, nothing logged at ERROR (docs/security.md).
     */
    @Test
    void hostileHeadersAndBodiesAreA4xxProblemOnEveryRouteAnd401WithoutAToken() {
        String bearer = ServiceKeys.shared().bearer("prompt-service", "ten_a", "jobs:read");
        assertEquals(List.of(), HostileRequestProbe.wrongAnswers(base.toString(), bearer, ServiceKeys.shared(), "prompt-service"));
    }

    @Inject
    MeterRegistry registry;

    /**
     * A 401 given before any route (service-auth's filter) is labelled by the route the path falls under or one constant,
     * never by the path as sent: Quarkus keeps 100 labels, and made-up paths used them up (docs/security.md).
     */
    @Test
    void refusalsBeforeAnyRouteAreLabelledByRouteNeverByPath() {
        for (int i = 0; i < 3; i++) {
            assertEquals(401, ServiceTokenProbe.send(Call.get(base + "flood" + i + "/x"), null).statusCode());
        }
        assertEquals(401, ServiceTokenProbe.send(Call.get(models.toString()), null).statusCode());
        List<Meter.Id> series = registry.find("http.server.requests").meters().stream().map(Meter::getId).toList();
        assertEquals(List.of(), series.stream().filter(id -> id.getTag("uri").contains("flood")).toList(), "no label is a path as sent");
        assertTrue(series.stream().anyMatch(id -> RouteLabels.UNMATCHED.equals(id.getTag("uri")) && "401".equals(id.getTag("status"))), series.toString());
        assertTrue(series.stream().anyMatch(id -> "/models".equals(id.getTag("uri")) && "401".equals(id.getTag("status"))), series.toString());
    }

    @Test
    void theGatewaysTokenIsAnswered() {
        String bearer = ServiceKeys.shared().bearer("prompt-service", "ten_a", "jobs:read");
        assertEquals(200, ServiceTokenProbe.send(Call.post(lint.toString(), "{\"prompt\":\"a stunning woman\"}"), bearer).statusCode());
        assertEquals(200, ServiceTokenProbe.send(Call.get(models.toString()), bearer).statusCode());
    }
}
