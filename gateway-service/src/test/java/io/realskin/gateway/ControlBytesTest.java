package io.realskin.gateway;

import static io.realskin.gateway.Api.as;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.realskin.local.LocalStackResource;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** NUL and other control bytes in ids, query parameters and names are a 400/404 problem, never a 500. */
@QuarkusTest
@QuarkusTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
@QuarkusTestResource(StubBackends.class)
class ControlBytesTest {
    private static final String INVALID = "https://realskin.io/problems/invalid-request";
    private static final String NOT_FOUND = "https://realskin.io/problems/not-found";

    @Inject
    Pool pool;

    @ParameterizedTest
    @ValueSource(strings = {"/v1/jobs/abc%00", "/v1/jobs/abc%01", "/v1/images/x%00", "/v1/images/x%00/content",
            "/v1/images/x%00/analysis", "/v1/jobs?type=%00", "/v1/jobs?status=%00", "/v1/jobs?cursor=%00",
            "/v1/webhooks/deliveries?jobId=%00", "/v1/webhooks/deliveries?jobId=job_%1f", "/v1/billing/ledger?jobId=%00",
            "/v1/billing/ledger?kind=%00",
            "/v1/jobs/job_0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789"})
    void aGetWithControlBytesIsA400Or404Problem(String path) {
        String key = Api.tenantAndKey()[1];
        as(key).urlEncodingEnabled(false).get(path).then().statusCode(anyOf(equalTo(400), equalTo(404)))
                .contentType("application/problem+json").body("type", anyOf(equalTo(INVALID), equalTo(NOT_FOUND)));
    }

    @Test
    void aCursorCarryingANulIsA400() {
        String key = Api.tenantAndKey()[1];
        String cursor = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("1746093601.0|job_\u0000x".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        as(key).queryParam("cursor", cursor).get("/v1/jobs").then().statusCode(400).body("type", equalTo(INVALID));
        as(key).queryParam("cursor", cursor).get("/v1/webhooks/deliveries").then().statusCode(400).body("type", equalTo(INVALID));
    }

    @Test
    void postsWithControlBytesAre400Or404() {
        String[] tk = Api.tenantAndKey();
        as(tk[1]).urlEncodingEnabled(false).post("/v1/jobs/abc%00/cancel").then().statusCode(anyOf(equalTo(400), equalTo(404)))
                .contentType("application/problem+json");
        for (String field : List.of("imageId", "maskImageId", "referenceImageId", "profileId")) {
            as(tk[1]).contentType("application/json").body("{\"type\":\"texture-restore\",\"imageId\":\"img_a\",\"" + field + "\":\"x\\u0000\"}")
                    .post("/v1/jobs").then().statusCode(400).body("type", equalTo(INVALID));
        }
        as(tk[1]).contentType("application/json").body("{\"type\":\"generate\",\"prompt\":\"p\",\"consent\":true,"
                + "\"referenceImages\":[{\"imageId\":\"img_\\u0000\"}]}").post("/v1/jobs").then().statusCode(400);
        as(tk[1]).contentType("application/json").body("{\"type\":\"\\u0000\"}").post("/v1/jobs").then().statusCode(400);
        as(tk[1]).contentType("application/json").body("{\"url\":\"https://example.com/\\u0000\"}").put("/v1/webhooks")
                .then().statusCode(400);
        Api.admin().urlEncodingEnabled(false).delete("/v1/admin/api-keys/key%00").then().statusCode(anyOf(equalTo(400), equalTo(404)))
                .contentType("application/problem+json");
        Api.admin().contentType("application/json").body("{\"tenantId\":\"ten_\\u0000\",\"scopes\":[\"jobs:read\"]}")
                .post("/v1/admin/api-keys").then().statusCode(400).body("type", equalTo(INVALID));
        Api.admin().contentType("application/json").body("{\"tenantId\":\"" + tk[0] + "\",\"name\":\"a\\u0000\",\"scopes\":[\"jobs:read\"]}")
                .post("/v1/admin/api-keys").then().statusCode(400).body("type", equalTo(INVALID));
    }

    /**
     * Half of a surrogate pair ("\\ud800" alone) has no UTF-8 form, so what was stored was "?" in its place: a key
     * named "x\\ud800y" was answered so at creation and listed as "x?y", a webhook URL checked as one URL was kept as
     * another ("https://…/\\ud800" as "https://…/?"). Now such a string is a 400 naming its field; a whole pair (an
     * emoji) is kept as sent.
     */
    @Test
    void halfOfASurrogatePairIsRefusedNamingTheField() {
        String[] tk = Api.tenantAndKey();
        Api.admin().contentType("application/json").body("{\"tenantId\":\"" + tk[0] + "\",\"name\":\"x\\ud800y\",\"scopes\":[\"jobs:read\"]}")
                .post("/v1/admin/api-keys").then().statusCode(400).body("type", equalTo(INVALID)).body("field", equalTo("name"))
                .body("detail", org.hamcrest.Matchers.containsString("surrogate"));
        as(tk[1]).contentType("application/json").body("{\"type\":\"analyze\",\"imageId\":\"img_a\",\"webhook\":\"https://example.com/\\udc00\"}")
                .post("/v1/jobs").then().statusCode(400).body("type", equalTo(INVALID)).body("field", equalTo("webhook"));
        as(tk[1]).get("/v1/api-keys?state=all").then().statusCode(200).body("items.size()", equalTo(1));
        Api.admin().contentType("application/json").body("{\"tenantId\":\"" + tk[0] + "\",\"name\":\"smile \\ud83d\\ude00\",\"scopes\":[\"jobs:read\"]}")
                .post("/v1/admin/api-keys").then().statusCode(201);
        as(tk[1]).get("/v1/api-keys?state=all").then().statusCode(200).body("items[0].name", equalTo("smile \ud83d\ude00"));
    }

    @Test
    void aTenantWithANulInItsNameIsRefusedBeforeBillingOpensAnAccount() {
        int accountsBefore = Stubs.accounts().size();
        Api.admin().contentType("application/json").body("{\"name\":\"Studio\\u0000Nord\",\"plan\":\"pro\"}").post("/v1/admin/tenants")
                .then().statusCode(400).contentType("application/problem+json").body("type", equalTo(INVALID));
        assertEquals(accountsBefore, Stubs.accounts().size(), "no billing account without its tenant");
    }

    @Test
    void aTenantIsCreatedWithItsBillingAccountOrNotAtAll() {
        String name = "both-or-neither " + UUID.randomUUID();
        Stubs.up("billing", false);
        try {
            Api.admin().contentType("application/json").body("{\"name\":\"" + name + "\",\"plan\":\"pro\"}").post("/v1/admin/tenants")
                    .then().statusCode(503).body("backend", equalTo("billing"));
        } finally {
            Stubs.up("billing", true);
        }
        assertEquals(0L, tenantsNamed(name), "no tenant without its billing account");
        String id = awaitCreated(name);
        assertEquals(1L, tenantsNamed(name));
        assertTrue(Stubs.accounts().contains(id), "its account was opened");
    }

    /** The breaker may have opened while billing was down: it lets calls through again within its delay. */
    private static String awaitCreated(String name) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            var response = Api.admin().contentType("application/json").body("{\"name\":\"" + name + "\",\"plan\":\"pro\"}")
                    .post("/v1/admin/tenants");
            if (response.statusCode() == 201 || System.nanoTime() > deadline) {
                return response.then().statusCode(201).extract().path("id");
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private long tenantsNamed(String name) {
        return pool.preparedQuery("select count(*) from tenants where name = $1").execute(Tuple.of(name))
                .await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0);
    }
}
