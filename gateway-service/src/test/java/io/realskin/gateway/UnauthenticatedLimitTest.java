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
 * address over its limit is answered 429 before any lookup, but for a key this replica has cached: behind a load
 * balancer every client shares its address, and a client sending junk keys locked every tenant out (until 2026-12-07).
 * An X-Forwarded-For from a peer that is no trusted proxy changes nothing. Under {@link ShortLimits}: the limit is low,
 * and this JVM's one address must not share it with other tests (the profile's others send no request without a valid
 * key).
 */
@QuarkusTest
@TestProfile(ShortLimits.class)
@QuarkusTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
@QuarkusTestResource(StubBackends.class)
class UnauthenticatedLimitTest {
    @Test
    void failedAuthenticationsAreLimitedPerAddressBeforeTheLookup() {
        String[] own = Api.tenantAndKey();
        as(own[1]).get("/v1/jobs").then().statusCode(200); // looked up, so cached here
        String neverUsed = Api.key(own[0], "jobs:read");

        as(ApiKeys.generate(true)).get("/v1/jobs").then().statusCode(401);
        as(ApiKeys.generate(true)).get("/v1/jobs").then().statusCode(429).contentType("application/problem+json")
                .body("type", equalTo("https://realskin.io/problems/rate-limited")).header("Retry-After", notNullValue());
        given().get("/v1/jobs").then().statusCode(429);
        // the peer is no trusted proxy (ShortLimits trusts 192.0.2.1 only): its X-Forwarded-For is no fresh budget
        as(ApiKeys.generate(true)).header("X-Forwarded-For", "198.51.100.7").get("/v1/jobs").then().statusCode(429);

        // a key cached here is served: it costs no lookup, and no guesser holds one
        as(own[1]).get("/v1/jobs").then().statusCode(200);
        // one never looked up here is not: telling it from a guess takes the lookup the budget bounds
        as(neverUsed).get("/v1/jobs").then().statusCode(429);
        // endpoints without a key are not limited by it
        given().get("/ping").then().statusCode(200);
    }
}
