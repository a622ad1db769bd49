package io.realskin.gateway;

import static io.realskin.gateway.Api.as;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.realskin.local.LocalStackResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bodies and parameters the gateway cannot read are an application/problem+json 400, whatever is wrong with them. */
@QuarkusTest
@QuarkusTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
@QuarkusTestResource(StubBackends.class)
class ProblemJsonTest {
    private static final String INVALID = "https://realskin.io/problems/invalid-request";

    @ParameterizedTest
    @ValueSource(strings = {"{\"type\":\"texture-restore\",\"imageId\":\"img_a\",\"intensity\":\"abc\"}",
            "{\"type\":\"texture-restore\",\"imageId\":[1,2]}", "[1,2,3]", "\"texture-restore\"", "42", "{\"type\":",
            "{\"type\":\"generate\",\"prompt\":\"p\",\"consent\":\"maybe\"}"})
    void anUnreadableJobIsA400Problem(String body) {
        String key = Api.tenantAndKey()[1];
        as(key).contentType("application/json").body(body).post("/v1/jobs").then().statusCode(400)
                .contentType("application/problem+json").body("type", equalTo(INVALID)).body("status", equalTo(400));
    }

    @Test
    void deeplyNestedJsonIsA400Problem() {
        String key = Api.tenantAndKey()[1];
        String nested = "[".repeat(200) + "]".repeat(200);
        Api.asUnlogged(key).contentType("application/json").body("{\"prompt\":\"p\",\"x\":" + nested + "}").post("/v1/prompts/lint")
                .then().statusCode(400).contentType("application/problem+json").body("type", equalTo(INVALID));
        Api.asUnlogged(key).contentType("application/json").body("{\"type\":\"analyze\",\"imageId\":\"img_a\",\"x\":" + nested + "}")
                .post("/v1/jobs").then().statusCode(400).contentType("application/problem+json").body("type", equalTo(INVALID));
    }

    @Test
    void aLimitThatIsNoNumberIsA400NotA404() {
        String key = Api.tenantAndKey()[1];
        for (String path : new String[] {"/v1/jobs?limit=abc", "/v1/webhooks/deliveries?limit=abc", "/v1/billing/ledger?limit=abc",
                "/v1/jobs?limit=99999999999"}) {
            as(key).get(path).then().statusCode(400).contentType("application/problem+json").body("type", equalTo(INVALID));
        }
    }

    @Test
    void aNullScopeIsA400NotA500() {
        String tenant = Api.tenant("pro");
        Api.admin().contentType("application/json").body("{\"tenantId\":\"" + tenant + "\",\"scopes\":[null]}").post("/v1/admin/api-keys")
                .then().statusCode(400).contentType("application/problem+json").body("type", equalTo(INVALID));
        Api.admin().contentType("application/json").body("{\"tenantId\":\"" + tenant + "\",\"scopes\":[\"jobs:read\",null]}")
                .post("/v1/admin/api-keys").then().statusCode(400).body("type", equalTo(INVALID));
    }
}
