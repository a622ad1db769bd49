package io.realskin.gateway;

import static io.realskin.gateway.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.TestProfile;
import io.realskin.local.LocalStackResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * A backend that does not answer within the REST client's read timeout (1 s here) is the caller's 503 after one
 * attempt: the backend may still be computing it, so the gateway does not ask again (retries are for 5xx answers and
 * dropped connections, PreviewsTest).
 */
@QuarkusTest
@TestProfile(ShortLimits.class)
@QuarkusTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
@QuarkusTestResource(StubBackends.class)
class BackendTimeoutTest {
    @Inject
    MeterRegistry registry;

    @Test
    void aPreviewThatTimesOutIsAskedForOnce() {
        String[] tk = Api.tenantAndKey();
        try {
            // intensity 99: the texture stand-in holds the preview until released
            as(tk[1]).contentType("image/png").body(Api.png(8, 8)).post("/v1/previews?intensity=99").then().statusCode(503)
                    .contentType("application/problem+json").header("Retry-After", "5")
                    .body("type", equalTo("https://realskin.io/problems/backend-unavailable"))
                    .body("backend", equalTo("texture-service"));
            long calls = Stubs.tokens().stream()
                    .filter(t -> tk[0].equals(t.get("sub")) && "/texture/preview".equals(t.get("path"))).count();
            assertEquals(1, calls, "texture-service was asked once, not again after the timeout");
        } finally {
            Stubs.releasePreviews();
        }
        as(tk[1]).contentType("image/png").body(Api.png(8, 8)).post("/v1/previews?intensity=50").then().statusCode(200);
    }

    /** A prompt call that times out (asked three times: prompt-service's work is cheap to repeat) gives its slot back. */
    @Test
    void aPromptCallThatTimesOutGivesItsSlotBack() {
        String[] tk = Api.tenantAndKey();
        try {
            // the prompt stand-in holds the prompt "hold" until released
            as(tk[1]).contentType("application/json").body("{\"prompt\":\"hold\"}").post("/v1/prompts/lint").then().statusCode(503)
                    .contentType("application/problem+json").header("Retry-After", "5")
                    .body("type", equalTo("https://realskin.io/problems/backend-unavailable"))
                    .body("backend", equalTo("prompt-service"));
        } finally {
            Stubs.releasePrompts();
        }
        assertEquals(0.0, registry.get("realskin.gateway.prompt.calls.in.flight").gauge().value(), "no prompt call in progress");
        as(tk[1]).contentType("application/json").body("{\"prompt\":\"a portrait\"}").post("/v1/prompts/lint").then().statusCode(200);
    }
}
