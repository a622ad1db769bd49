package io.realskin.gateway;

import static io.realskin.gateway.Api.as;
import static org.hamcrest.Matchers.equalTo;

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
                .then().statusCode(202).header("Preference-Applied", "wait=1").body("status", equalTo("queued"));
        as(key).header("Prefer", "wait=\"1\"").get("/v1/images/" + image + "/analysis")
                .then().statusCode(202).header("Preference-Applied", "wait=1");
    }
}
