package io.realskin.gateway;

import static io.realskin.gateway.Api.admin;
import static io.realskin.gateway.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.realskin.local.LocalStackResource;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Every backend call carries a service token for that backend, for the caller's tenant, with the scope the gateway
 * checked (the stand-ins verify it as billing and prompt-service do); the admin API reaches billing's admin operations
 * with scope admin; health and metrics are on the management port, not the public one.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
@QuarkusTestResource(StubBackends.class)
class ServiceTokensTest {
    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    @TestHTTPResource(value = "/health/ready", management = true)
    URL ready;

    @Test
    void aJobsHoldAndReleaseCarryTheTenantsTokenForBilling() {
        String[] tk = Api.tenantAndKey();
        String job = Api.submitTexture(tk[1], Api.upload(tk[1]));
        Map<String, Object> hold = seen(t -> "/holds".equals(t.get("path")) && tk[0].equals(t.get("sub")));
        assertEquals("billing-service", hold.get("aud"));
        assertEquals("realskin-gateway", hold.get("iss"));
        assertEquals("jobs:write", hold.get("scope"));
        assertEquals(60L, ((Number) hold.get("exp")).longValue() - ((Number) hold.get("iat")).longValue(), "a 60 s token");
        as(tk[1]).post("/v1/jobs/" + job + "/cancel").then().statusCode(200);
    }

    @Test
    void proxiedCallsCarryTheCallersTenantAndTheCheckedScope() {
        String[] tk = Api.tenantAndKey();
        as(tk[1]).get("/v1/models").then().statusCode(200);
        as(tk[1]).get("/v1/billing/balance").then().statusCode(200);
        Map<String, Object> models = seen(t -> "/models".equals(t.get("path")) && tk[0].equals(t.get("sub")));
        assertEquals("prompt-service", models.get("aud"));
        assertEquals("jobs:read", models.get("scope"));
        Map<String, Object> balance = seen(t -> ("/accounts/" + tk[0] + "/balance").equals(t.get("path")));
        assertEquals(tk[0], balance.get("sub"));
        assertEquals("billing:read", balance.get("scope"));
    }

    @Test
    void aTokenIsReusedForTheSameTenantAudienceAndScope() {
        String[] tk = Api.tenantAndKey();
        as(tk[1]).get("/v1/billing/balance").then().statusCode(200);
        as(tk[1]).get("/v1/billing/balance").then().statusCode(200);
        List<Object> ids = Stubs.tokens().stream().filter(t -> tk[0].equals(t.get("sub")) && "billing:read".equals(t.get("scope")))
                .map(t -> t.get("jti")).toList();
        assertEquals(2, ids.size(), "two calls: " + ids);
        assertTrue(ids.get(0) != null && ids.get(0).equals(ids.get(1)), "both carried one token (one jti): " + ids);
    }

    @Test
    void creatingATenantAndTheAdminMoneyMovementsUseTheAdminScope() {
        String tenant = Api.tenant("free");
        assertEquals("admin", seen(t -> ("/accounts/" + tenant).equals(t.get("path")) && "PUT".equals(t.get("method"))).get("scope"));

        admin().contentType("application/json").body("{\"amount\":200,\"reason\":\"goodwill\",\"idempotencyKey\":\"t-1\"}")
                .post("/v1/admin/tenants/" + tenant + "/grants")
                .then().statusCode(201).body("kind", equalTo("GRANTS")).body("amount", equalTo(200))
                .body("idempotencyKey", equalTo("t-1"));
        // the Idempotency-Key header stands for a missing idempotencyKey: billing books the adjustment under it
        admin().header("Idempotency-Key", "hdr-" + tenant).contentType("application/json").body("{\"amount\":-50,\"reason\":\"correction\"}")
                .post("/v1/admin/tenants/" + tenant + "/adjustments")
                .then().statusCode(201).body("amount", equalTo(-50)).body("idempotencyKey", equalTo("hdr-" + tenant));
        admin().contentType("application/json").body("{\"jobId\":\"job_x\",\"reason\":\"unusable\"}")
                .post("/v1/admin/tenants/" + tenant + "/refunds")
                .then().statusCode(201).body("jobId", equalTo("job_x"));
        for (String operation : List.of("grants", "adjustments", "refunds")) {
            Map<String, Object> token = seen(t -> ("/accounts/" + tenant + "/" + operation).equals(t.get("path")));
            assertEquals("admin", token.get("scope"), operation);
            assertEquals(tenant, token.get("sub"), operation);
        }

        admin().contentType("application/json").body("{\"plan\":\"creator\"}").put("/v1/admin/tenants/" + tenant + "/plan")
                .then().statusCode(200).body("plan", equalTo("creator"));
        long planChanges = Stubs.tokens().stream()
                .filter(t -> ("/accounts/" + tenant).equals(t.get("path")) && "PUT".equals(t.get("method"))).count();
        assertEquals(2, planChanges, "the account was opened, then re-planned at billing");
    }

    @Test
    void theAdminBillingApiNeedsTheAdminScopeAndAKnownTenant() {
        String[] tk = Api.tenantAndKey();
        as(tk[1]).contentType("application/json").body("{\"amount\":1000000}").post("/v1/admin/tenants/" + tk[0] + "/grants")
                .then().statusCode(403).body("type", equalTo("https://realskin.io/problems/insufficient-scope"));
        as(tk[1]).contentType("application/json").body("{\"plan\":\"ultimate\"}").put("/v1/admin/tenants/" + tk[0] + "/plan")
                .then().statusCode(403);
        admin().contentType("application/json").body("{\"amount\":5,\"idempotencyKey\":\"k\"}").post("/v1/admin/tenants/ten_nobody0000000000000/grants")
                .then().statusCode(404).body("type", equalTo("https://realskin.io/problems/not-found"));
        admin().contentType("application/json").body("{\"amount\":0}").post("/v1/admin/tenants/" + tk[0] + "/grants")
                .then().statusCode(400).body("type", equalTo("https://realskin.io/problems/invalid-request"));
        // billing's own range (1..1000000000), checked before billing is asked: also for a number past a long
        for (String amount : List.of("1000000001", "99999999999999999999")) {
            admin().contentType("application/json").body("{\"amount\":" + amount + "}").post("/v1/admin/tenants/" + tk[0] + "/grants")
                    .then().statusCode(400).body("type", equalTo("https://realskin.io/problems/invalid-request"))
                    .body("detail", containsString("1000000000"));
        }
        for (String amount : List.of("-1000000001", "-99999999999999999999")) {
            admin().contentType("application/json").body("{\"amount\":" + amount + "}").post("/v1/admin/tenants/" + tk[0] + "/adjustments")
                    .then().statusCode(400).body("detail", containsString("-1000000000"));
        }
        admin().contentType("application/json").body("{\"plan\":\"platinum\"}").put("/v1/admin/tenants/" + tk[0] + "/plan")
                .then().statusCode(400);
        assertFalse(Stubs.tokens().stream().anyMatch(t -> String.valueOf(t.get("path")).matches(".*/(grants|adjustments)")
                && tk[0].equals(t.get("sub"))), "nothing reached billing");
    }

    /**
     * Until 2026-12-07 a grant or adjustment without idempotencyKey was booked under a key made up per request
     * ({@code gw-<uuid>}): an admin tool retrying after a timeout booked it twice. Now one is required.
     */
    @Test
    void anAdminGrantOrAdjustmentWithoutAnyIdempotencyKeyIsRefusedBeforeBilling() {
        String[] tk = Api.tenantAndKey();
        for (String operation : List.of("grants", "adjustments")) {
            admin().contentType("application/json").body("{\"amount\":5,\"reason\":\"retried\"}")
                    .post("/v1/admin/tenants/" + tk[0] + "/" + operation)
                    .then().statusCode(400).body("type", equalTo("https://realskin.io/problems/invalid-request"))
                    .body("field", equalTo("idempotencyKey")).body("detail", containsString("Idempotency-Key"));
        }
        admin().header("Idempotency-Key", "k".repeat(201)).contentType("application/json").body("{\"amount\":5}")
                .post("/v1/admin/tenants/" + tk[0] + "/grants").then().statusCode(400).body("field", equalTo("idempotencyKey"));
        assertFalse(Stubs.tokens().stream().anyMatch(t -> String.valueOf(t.get("path")).matches(".*/(grants|adjustments)")
                && tk[0].equals(t.get("sub"))), "nothing reached billing");
    }

    @Test
    void aBackendThatRefusesTheGatewaysTokenIsA503NeverA401() {
        String[] tk = Api.tenantAndKey();
        Stubs.refuseTokens(true);
        try {
            as(tk[1]).get("/v1/models").then().statusCode(503)
                    .body("type", equalTo("https://realskin.io/problems/backend-unavailable")).body("backend", equalTo("prompt-service"));
            as(tk[1]).get("/v1/billing/balance").then().statusCode(503).body("backend", equalTo("billing"));
        } finally {
            Stubs.refuseTokens(false);
        }
    }

    @Test
    void healthAndMetricsAreOnTheManagementPortOnly() {
        io.restassured.RestAssured.given().get(ready).then().statusCode(200);
        io.restassured.RestAssured.given().get(metrics).then().statusCode(200);
        io.restassured.RestAssured.given().get("/q/metrics").then().statusCode(404);
        io.restassured.RestAssured.given().get("/q/health/ready").then().statusCode(404);
        io.restassured.RestAssured.given().get("/q/openapi").then().statusCode(200);
    }

    private static Map<String, Object> seen(Predicate<Map<String, Object>> which) {
        List<Map<String, Object>> tokens = Stubs.tokens();
        List<Map<String, Object>> found = tokens.stream().filter(which).toList();
        assertTrue(!found.isEmpty(), "no such token among " + tokens);
        return found.get(found.size() - 1);
    }
}
