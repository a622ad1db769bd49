package io.realskin.gateway;

import static io.realskin.gateway.Api.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.realskin.local.LocalStackResource;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** POST /v1/previews: texture-service's preview API behind the gateway's key, scope, limits and service token. */
@QuarkusTest
@QuarkusTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
@QuarkusTestResource(StubBackends.class)
class PreviewsTest {
    private static final String PROBLEMS = "https://realskin.io/problems/";

    @Test
    void thePreviewAndItsScoresComeBackMadeForTheCallersTenant() {
        String[] tk = Api.tenantAndKey();
        byte[] image = Api.png(64, 48);
        Response answer = as(tk[1]).contentType("image/png").body(image).post("/v1/previews?intensity=50");
        answer.then().statusCode(200).contentType("image/png").header("Cache-Control", "no-store").header("X-Faces", "1")
                .header("X-Face-Intensities", "50")
                .header("X-Plastic-Score-Before", "0.8000").header("X-Plastic-Score-After", "0.5500");
        assertArrayEquals(image, answer.asByteArray());
        List<Map<String, Object>> tokens = textureTokens(tk[0]);
        assertEquals(1, tokens.size(), "one call to texture-service: " + tokens);
        assertEquals("texture-service", tokens.get(0).get("aud"));
        assertEquals("jobs:write", tokens.get(0).get("scope"));
        assertEquals("/texture/preview", tokens.get(0).get("path"));
    }

    @Test
    void aKeyIsNeededAndItMustHoldJobsWrite() {
        given().contentType("image/png").body(Api.png(8, 8)).post("/v1/previews").then().statusCode(401)
                .contentType("application/problem+json").body("type", equalTo(PROBLEMS + "unauthorized"));
        String readOnly = Api.key(Api.tenant("pro"), "jobs:read");
        as(readOnly).contentType("image/png").body(Api.png(8, 8)).post("/v1/previews").then().statusCode(403)
                .body("type", equalTo(PROBLEMS + "insufficient-scope")).body("requiredScope", equalTo("jobs:write"));
    }

    @Test
    void overTwoMegapixelsNotAnImageOrABadIntensityNeverReachTextureService() {
        String[] tk = Api.tenantAndKey();
        as(tk[1]).contentType("image/png").body(Api.png(1500, 1500)).post("/v1/previews").then().statusCode(413)
                .contentType("application/problem+json").body("type", equalTo(PROBLEMS + "image-too-large"));
        as(tk[1]).contentType("image/png").body(Api.png(1920, 1080)).post("/v1/previews").then().statusCode(200);
        as(tk[1]).contentType("image/jpeg").body("not an image at all".getBytes()).post("/v1/previews").then().statusCode(415)
                .body("type", equalTo(PROBLEMS + "unsupported-image"));
        for (String bad : List.of("101", "high", "-5", "40.5")) {
            as(tk[1]).contentType("image/png").body(Api.png(8, 8)).post("/v1/previews?intensity=" + bad).then().statusCode(400)
                    .body("type", equalTo(PROBLEMS + "invalid-request")).body("field", equalTo("intensity"))
                    .body("detail", equalTo("intensity must be 0..100 or \"auto\", was '" + bad + "'"));
        }
        assertEquals(1, textureTokens(tk[0]).size(), "only the 1920x1080 preview went on");
    }

    @Test
    void autoIntensityReachesTextureServiceAndTheLevelItChoseComesBack() {
        String[] tk = Api.tenantAndKey();
        as(tk[1]).contentType("image/png").body(Api.png(16, 16)).post("/v1/previews?intensity=auto").then().statusCode(200)
                .header("X-Face-Intensities", "37").header("X-Plastic-Score-After", "0.6150");
    }

    @Test
    void textureServicesProblemIsPassedOnAsItsOwn() {
        String[] tk = Api.tenantAndKey();
        as(tk[1]).contentType("image/png").body(Api.png(8, 8)).post("/v1/previews?intensity=98").then().statusCode(415)
                .contentType("application/problem+json").body("type", equalTo(PROBLEMS + "unsupported-image"))
                .body("detail", equalTo("texture-service cannot decode it")).body("instance", equalTo("/v1/previews"));
    }

    @Test
    void textureServicesRetryAfterReachesTheCallerHeldToOneMinute() {
        String key = Api.tenantAndKey()[1];
        // its 429 passes on as its own problem, with its Retry-After
        as(key).contentType("image/png").body(Api.png(8, 8)).post("/v1/previews?intensity=96").then().statusCode(429)
                .header("Retry-After", "7").body("type", equalTo(PROBLEMS + "rate-limited"));
        // its 503 (every preview slot busy) is the caller's backend-unavailable with its Retry-After instead of 5 s
        as(key).contentType("image/png").body(Api.png(8, 8)).post("/v1/previews?intensity=97").then().statusCode(503)
                .header("Retry-After", "3").body("type", equalTo(PROBLEMS + "backend-unavailable")).body("backend", equalTo("texture-service"));
        // a day is held to a minute; an HTTP date is not passed on: the gateway's own 5 s
        as(key).contentType("image/png").body(Api.png(8, 8)).post("/v1/previews?intensity=95").then().statusCode(503)
                .header("Retry-After", "60");
        as(key).contentType("image/png").body(Api.png(8, 8)).post("/v1/previews?intensity=94").then().statusCode(503)
                .header("Retry-After", "5");
    }

    @Test
    void aBusyTextureServiceIsAskedOnceAndNeverOpensTheTenantsBreaker() {
        String[] tk = Api.tenantAndKey();
        // "every preview slot is busy" (503 with Retry-After) is an answer: passed on at once, never asked again
        as(tk[1]).contentType("image/png").body(Api.png(8, 8)).post("/v1/previews?intensity=97").then().statusCode(503)
                .header("Retry-After", "3").body("type", equalTo(PROBLEMS + "backend-unavailable"));
        assertEquals(1, textureTokens(tk[0]).size(), "texture-service was asked once, not retried");
        // more busy answers (503 and 429, each with Retry-After) than the tenant breaker's window of 20 calls: none is
        // a failure, so each is still the backend's own answer and the tenant's next preview goes through
        int busy = 30;
        for (int i = 0; i < busy; i++) {
            boolean limited = i % 3 == 0;
            as(tk[1]).contentType("image/png").body(Api.png(8, 8)).post("/v1/previews?intensity=" + (limited ? 96 : 97)).then()
                    .statusCode(limited ? 429 : 503).header("Retry-After", limited ? "7" : "3");
        }
        as(tk[1]).contentType("image/png").body(Api.png(8, 8)).post("/v1/previews?intensity=50").then().statusCode(200)
                .header("X-Face-Intensities", "50");
        assertEquals(1 + busy + 1, textureTokens(tk[0]).size(), "each preview reached texture-service once");
        // a 503 whose Retry-After the gateway cannot read (an HTTP date) is a failure as before: tried three times
        String[] other = Api.tenantAndKey();
        as(other[1]).contentType("image/png").body(Api.png(8, 8)).post("/v1/previews?intensity=94").then().statusCode(503)
                .header("Retry-After", "5");
        assertEquals(3, textureTokens(other[0]).size(), "the first call and its two retries");
    }

    @Test
    void theKeysRateLimitCountsPreviews() {
        String key = Api.keyWith(Api.tenant("pro"), 2, "jobs:write");
        as(key).contentType("image/png").body(Api.png(8, 8)).post("/v1/previews").then().statusCode(200);
        as(key).contentType("image/png").body(Api.png(8, 8)).post("/v1/previews").then().statusCode(200);
        as(key).contentType("image/png").body(Api.png(8, 8)).post("/v1/previews").then().statusCode(429)
                .body("type", equalTo(PROBLEMS + "rate-limited"));
    }

    @Test
    void oneKeyHasOnePreviewInFlight() {
        String key = Api.tenantAndKey()[1];
        String other = Api.tenantAndKey()[1];
        CompletableFuture<Integer> held = CompletableFuture.supplyAsync(() ->
                as(key).contentType("image/png").body(Api.png(8, 8)).post("/v1/previews?intensity=99").statusCode());
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (Stubs.previewsHeld() == 0 && System.nanoTime() < deadline) {
                pause(50);
            }
            assertEquals(1, Stubs.previewsHeld(), "the first preview reached texture-service");
            as(key).contentType("image/png").body(Api.png(8, 8)).post("/v1/previews").then().statusCode(429)
                    .header("Retry-After", "1").body("type", equalTo(PROBLEMS + "preview-in-progress"));
            as(other).contentType("image/png").body(Api.png(8, 8)).post("/v1/previews").then().statusCode(200);
        } finally {
            Stubs.releasePreviews();
        }
        assertEquals(200, held.join());
        as(key).contentType("image/png").body(Api.png(8, 8)).post("/v1/previews").then().statusCode(200);
    }

    @Test
    void textureServiceDownIsA503Problem() {
        String key = Api.tenantAndKey()[1];
        Stubs.up("texture", false);
        try {
            as(key).contentType("image/png").body(Api.png(8, 8)).post("/v1/previews").then().statusCode(503)
                    .contentType("application/problem+json").header("Retry-After", "5")
                    .body("type", equalTo(PROBLEMS + "backend-unavailable")).body("backend", equalTo("texture-service"));
        } finally {
            Stubs.up("texture", true);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        int status = 0;
        while (status != 200 && System.nanoTime() < deadline) {
            status = as(key).contentType("image/png").body(Api.png(8, 8)).post("/v1/previews").statusCode();
            if (status != 200) {
                pause(500); // the breaker may be open: it lets calls through again within its 5 s delay
            }
        }
        assertTrue(status == 200, "texture-service is back: " + status);
    }

    /** The service tokens texture-service's stand-in accepted for the tenant. */
    private static List<Map<String, Object>> textureTokens(String tenant) {
        return Stubs.tokens().stream().filter(t -> tenant.equals(t.get("sub")) && "texture-service".equals(t.get("aud"))).toList();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
