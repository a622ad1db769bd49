package io.realskin.gateway;

import static io.realskin.gateway.Api.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.realskin.contracts.ApiKeys;
import io.realskin.local.LocalStackResource;
import org.junit.jupiter.api.Test;

/**
 * Guessing keys costs a lookup each, so requests that fail authentication are limited per client address, and an
 * address over its limit is answered 429 before any lookup. Under {@link ShortLimits}: the limit is low, and this JVM's
 * one address must not share it with other tests (the profile's others send no request without a valid key).
 */
@QuarkusTest
@TestProfile(ShortLimits.class)
@QuarkusTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
@QuarkusTestResource(StubBackends.class)
class UnauthenticatedLimitTest {
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
