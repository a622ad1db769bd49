package io.realskin.gateway;

import static io.realskin.gateway.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.realskin.local.LocalStackResource;
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
}
