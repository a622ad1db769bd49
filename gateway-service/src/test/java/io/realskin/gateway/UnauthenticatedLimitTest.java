package io.realskin.gateway;

import static io.realskin.gateway.Api.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.realskin.contracts.ApiKeys;
import io.realskin.local.LocalStackResource;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Guessing keys costs a lookup each, so requests that fail authentication are limited per client address, and an
 * address over its limit is answered 429 before any lookup. Its own profile: the limit is low and this JVM's one
 * address must not share it with the other tests.
 */
@QuarkusTest
@TestProfile(UnauthenticatedLimitTest.LowLimit.class)
@QuarkusTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
@QuarkusTestResource(StubBackends.class)
class UnauthenticatedLimitTest {
    /** One failure a minute: a token comes back only after 60 s, longer than this test takes on a loaded machine. */
    private static final int LIMIT = 1;

    public static class LowLimit implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("realskin.rate-limit.unauthenticated-per-minute", String.valueOf(LIMIT));
        }
    }

    @Test
    void failedAuthenticationsAreLimitedPerAddressBeforeTheLookup() {
        as(ApiKeys.generate(true)).get("/v1/jobs").then().statusCode(401);
        as(ApiKeys.generate(true)).get("/v1/jobs").then().statusCode(429).contentType("application/problem+json")
                .body("type", equalTo("https://realskin.io/problems/rate-limited")).header("Retry-After", notNullValue());
        given().get("/v1/jobs").then().statusCode(429);
        // endpoints without a key are not limited by it
        given().get("/ping").then().statusCode(200);
    }
}
