package io.realskin.generation.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.realskin.local.LocalStackResource;
import io.realskin.local.ServiceKeys;
import io.realskin.local.ServiceTokenProbe;
import io.realskin.local.ServiceTokenProbe.Call;
import java.net.URL;
import org.junit.jupiter.api.Test;

/**
 * generation-service works on Kafka and has no API of its own yet; whatever its application port serves (today the
 * OpenAPI document) answers the gateway's service token only. Health is on the management port, without a token.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class ServiceTokenTest {
    @TestHTTPResource("/q/openapi")
    URL openApi;

    @TestHTTPResource("/generations")
    URL anyPath;

    @TestHTTPResource(value = "/health/ready", management = true)
    URL ready;

    @Test
    void withoutTheGatewaysTokenTheApplicationPortAnswers401() {
        ServiceTokenProbe.assertRefused(ServiceKeys.shared(), "generation-service", Call.get(openApi.toString()));
        ServiceTokenProbe.assertRefused(ServiceKeys.shared(), "generation-service", Call.post(anyPath.toString(), "{}"));
    }

    @Test
    void theGatewaysTokenIsAnswered() {
        String bearer = ServiceKeys.shared().bearer("generation-service", "ten_a", "jobs:write");
        assertEquals(200, ServiceTokenProbe.send(Call.get(openApi.toString()), bearer).statusCode());
        assertEquals(404, ServiceTokenProbe.send(Call.post(anyPath.toString(), "{}"), bearer).statusCode(), "past the token check");
    }

    @Test
    void healthNeedsNoTokenOnTheManagementPort() {
        assertEquals(200, ServiceTokenProbe.send(Call.get(ready.toString()), null).statusCode());
    }
}
