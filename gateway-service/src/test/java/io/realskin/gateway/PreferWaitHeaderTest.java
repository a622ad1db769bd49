package io.realskin.gateway;

import static io.realskin.gateway.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.realskin.local.LocalStackResource;
import org.junit.jupiter.api.Test;

/**
 * {@code Prefer: wait} as a partner's client sends it reaches the wait: in a second line of the header, the name in
 * capitals, spaces around "=" (no worker runs here, so the wait runs out and the answer is 202 with the wait applied).
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
@QuarkusTestResource(StubBackends.class)
class PreferWaitHeaderTest {
    @Test
    void aWaitInAnyLineAndAnyCaseIsApplied() {
        String key = Api.tenantAndKey()[1];
        String image = Api.upload(key);
        as(key).header("Prefer", "respond-async").header("Prefer", "WAIT = 1").contentType("application/json")
                .body("{\"type\":\"analyze\",\"imageId\":\"" + image + "\"}").post("/v1/jobs")
                .then().statusCode(202).header("Preference-Applied", "wait=1").header("Vary", "Prefer").body("status", equalTo("queued"));
        as(key).header("Prefer", "wait=\"1\"").get("/v1/images/" + image + "/analysis")
                .then().statusCode(202).header("Preference-Applied", "wait=1").header("Vary", "Prefer");
    }

    /**
     * An answer that would have been another with another Prefer says so (Vary: Prefer), whether or not this request
     * asked for a wait: a cache must not hand a 202 kept from a request without a wait to one that asked to wait.
     */
    @Test
    void answersThatReadThePreferenceVaryByIt() {
        String key = Api.tenantAndKey()[1];
        String image = Api.upload(key);
        as(key).contentType("application/json").body("{\"type\":\"analyze\",\"imageId\":\"" + image + "\"}").post("/v1/jobs")
                .then().statusCode(202).header("Vary", "Prefer");
        String analysis = "/v1/images/" + image + "/analysis";
        as(key).get(analysis).then().statusCode(202).header("Vary", "Prefer");
        as(key).head(analysis).then().statusCode(202).header("Vary", "Prefer");
    }

    /**
     * A replay of an Idempotency-Key answers at once from what was stored: it waited for nothing, whatever its Prefer.
     * The first answer's Preference-Applied was stored and replayed with it.
     */
    @Test
    void aReplayAppliesNoWait() {
        String key = Api.tenantAndKey()[1];
        String body = "{\"type\":\"analyze\",\"imageId\":\"" + Api.upload(key) + "\"}";
        String idempotencyKey = "replay-" + System.nanoTime();
        String job = as(key).header("Prefer", "wait=1").header("Idempotency-Key", idempotencyKey).contentType("application/json")
                .body(body).post("/v1/jobs").then().statusCode(202).header("Preference-Applied", "wait=1").extract().path("id");
        as(key).header("Idempotency-Key", idempotencyKey).contentType("application/json").body(body).post("/v1/jobs")
                .then().statusCode(202).header("Idempotent-Replayed", "true").body("id", equalTo(job))
                .header("Preference-Applied", nullValue());
    }
}
