package io.realskin.prompt.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.realskin.local.HostileRequestProbe;
import io.realskin.local.ServiceKeys;
import io.realskin.local.ServiceKeysResource;
import io.realskin.local.ServiceTokenProbe;
import io.realskin.local.ServiceTokenProbe.Call;
import java.net.URL;
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

    @Test
    void theGatewaysTokenIsAnswered() {
        String bearer = ServiceKeys.shared().bearer("prompt-service", "ten_a", "jobs:read");
        assertEquals(200, ServiceTokenProbe.send(Call.post(lint.toString(), "{\"prompt\":\"a stunning woman\"}"), bearer).statusCode());
        assertEquals(200, ServiceTokenProbe.send(Call.get(models.toString()), bearer).statusCode());
    }
}
