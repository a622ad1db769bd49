package io.realskin.prompt.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.realskin.local.ServiceKeys;
import io.realskin.local.ServiceKeysResource;
import io.realskin.local.ServiceTokenProbe;
import io.realskin.local.ServiceTokenProbe.Call;
import java.net.URL;
import org.junit.jupiter.api.Test;

/** prompt-service answers the gateway's service token for prompt-service, and nothing else (docs/security.md). */
@QuarkusTest
@QuarkusTestResource(ServiceKeysResource.class)
class ServiceTokenTest {
    @TestHTTPResource("/prompts/lint")
    URL lint;

    @TestHTTPResource("/models")
    URL models;

    @Test
    void withoutTheGatewaysTokenEveryCallIs401() {
        ServiceTokenProbe.assertRefused(ServiceKeys.shared(), "prompt-service", Call.post(lint.toString(), "{\"prompt\":\"a stunning woman\"}"));
        ServiceTokenProbe.assertRefused(ServiceKeys.shared(), "prompt-service", Call.get(models.toString()));
    }

    @Test
    void theGatewaysTokenIsAnswered() {
        String bearer = ServiceKeys.shared().bearer("prompt-service", "ten_a", "jobs:read");
        assertEquals(200, ServiceTokenProbe.send(Call.post(lint.toString(), "{\"prompt\":\"a stunning woman\"}"), bearer).statusCode());
        assertEquals(200, ServiceTokenProbe.send(Call.get(models.toString()), bearer).statusCode());
    }
}
