package io.realskin.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.realskin.contracts.EventJson;
import io.realskin.local.HostileRequestProbe;
import io.realskin.local.LocalStackResource;
import io.realskin.local.ServiceKeys;
import io.realskin.local.ServiceTokenProbe;
import io.realskin.local.ServiceTokenProbe.Call;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Who may do what at billing (docs/security.md): only the gateway's service token is answered; a token for tenant A
 * reads and holds A's credits only (403 tenant-mismatch on B's path or body, 404 for B's hold); money movements,
 * plan and referrer changes and reconciliation need scope admin (403 admin-scope-required).
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = "database", value = "billing"))
class BillingAccessTest {
    private static final String AUDIENCE = "billing-service";
    private static final String TENANT_SCOPES = "jobs:write jobs:read billing:read";

    private String a;
    private String b;

    @BeforeEach
    void twoTenants() {
        a = TestStack.unique("acc-a");
        b = TestStack.unique("acc-b");
        for (String tenant : new String[] {a, b}) {
            assertEquals(200, put("/accounts/" + tenant, Map.of("plan", "pro"), admin(tenant)).statusCode());
        }
    }

    @Test
    void withoutTheGatewaysTokenNothingIsAnswered() {
        String base = Http.quarkusBaseUrl();
        ServiceTokenProbe.assertRefused(ServiceKeys.shared(), AUDIENCE, Call.get(base + "/accounts/" + a + "/balance"));
        ServiceTokenProbe.assertRefused(ServiceKeys.shared(), AUDIENCE, Call.post(base + "/accounts/" + a + "/grants",
                "{\"amount\":1000000,\"idempotencyKey\":\"probe\"}"));
        ServiceTokenProbe.assertRefused(ServiceKeys.shared(), AUDIENCE, Call.get(base + "/reconciliation"));
        ServiceTokenProbe.assertRefused(ServiceKeys.shared(), AUDIENCE, Call.get(base + "/prices"));
    }

    /**
     * A Content-Type or Accept that is no media type, a coded body or one that is no JSON, on every route: a 4xx problem
     * with the token, 401 without one, nothing logged at ERROR (docs/security.md).
     */
    @Test
    void hostileHeadersAndBodiesAreA4xxProblemOnEveryRouteAnd401WithoutAToken() {
        assertEquals(List.of(), HostileRequestProbe.wrongAnswers(Http.quarkusBaseUrl(), admin(a), ServiceKeys.shared(), AUDIENCE));
    }

    @Test
    void aTenantsTokenReadsItsOwnAccountOnly() {
        assertEquals(200, get("/accounts/" + a + "/balance", tenant(a)).statusCode());
        assertEquals(200, get("/accounts/" + a + "/ledger", tenant(a)).statusCode());
        assertEquals(200, get("/prices", tenant(a)).statusCode());
        assertProblem(get("/accounts/" + b + "/balance", tenant(a)), 403, "tenant-mismatch");
        assertProblem(get("/accounts/" + b + "/ledger", tenant(a)), 403, "tenant-mismatch");
        assertProblem(get("/accounts/" + b, tenant(a)), 403, "tenant-mismatch");
        assertProblem(post("/quotes", Map.of("tenantId", b, "operation", "texture-restore"), tenant(a)), 403, "tenant-mismatch");
    }

    @Test
    void aTenantsTokenHoldsAndReleasesItsOwnCreditsOnly() {
        String jobOfB = TestStack.unique("job-b");
        assertEquals(201, post("/holds", hold(b, jobOfB), tenant(b)).statusCode());

        assertProblem(post("/holds", hold(b, TestStack.unique("job")), tenant(a)), 403, "tenant-mismatch");
        assertProblem(get("/holds/" + jobOfB, tenant(a)), 404, "not-found");
        assertProblem(delete("/holds/" + jobOfB, tenant(a)), 404, "not-found");
        assertEquals("HELD", json(get("/holds/" + jobOfB, tenant(b))).get("status"), "tenant A's release did not touch B's hold");

        assertEquals("RELEASED", json(delete("/holds/" + jobOfB, tenant(b))).get("status"));
    }

    @Test
    void moneyMovementsPlanChangesAndReconciliationNeedTheAdminScope() {
        Map<String, Object> credit = Map.of("amount", 1_000_000, "idempotencyKey", TestStack.unique("k"), "reason", "probe");
        for (String operation : new String[] {"grants", "purchases", "adjustments"}) {
            assertProblem(post("/accounts/" + a + "/" + operation, credit, tenant(a)), 403, "admin-scope-required");
        }
        assertProblem(post("/accounts/" + a + "/refunds", Map.of("jobId", "job-x"), tenant(a)), 403, "admin-scope-required");
        assertProblem(put("/accounts/" + a, Map.of("plan", "ultimate"), tenant(a)), 403, "admin-scope-required");
        assertProblem(put("/accounts/" + a + "/referrer", Map.of("code", "X"), tenant(a)), 403, "admin-scope-required");
        assertProblem(get("/reconciliation", tenant(a)), 403, "admin-scope-required");
        assertEquals(500L, ((Number) json(get("/accounts/" + a + "/balance", tenant(a))).get("available")).longValue(),
                "nothing was granted");

        assertEquals(201, post("/accounts/" + b + "/grants", credit, admin(a)).statusCode(), "admin acts on any tenant");
        assertEquals(200, get("/reconciliation", admin(a)).statusCode());
    }

    private static String tenant(String tenantId) {
        return ServiceKeys.shared().bearer(AUDIENCE, tenantId, TENANT_SCOPES);
    }

    private static String admin(String tenantId) {
        return ServiceKeys.shared().bearer(AUDIENCE, tenantId, "admin");
    }

    private static Map<String, Object> hold(String tenantId, String jobId) {
        return Map.of("tenantId", tenantId, "jobId", jobId, "quote", Map.of("operation", "texture-restore", "megapixels", 1.0));
    }

    private static void assertProblem(HttpResponse<String> response, int status, String type) {
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"), response.body());
        assertEquals("https://realskin.io/problems/" + type, json(response).get("type"), response.body());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(HttpResponse<String> response) {
        try {
            return EventJson.MAPPER.readValue(response.body(), Map.class);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    private static HttpResponse<String> get(String path, String bearer) {
        return ServiceTokenProbe.send(Call.get(Http.quarkusBaseUrl() + path), bearer);
    }

    private static HttpResponse<String> delete(String path, String bearer) {
        return ServiceTokenProbe.send(new Call("DELETE", Http.quarkusBaseUrl() + path, null), bearer);
    }

    private static HttpResponse<String> post(String path, Object body, String bearer) {
        return ServiceTokenProbe.send(Call.post(Http.quarkusBaseUrl() + path, EventJson.write(body)), bearer);
    }

    private static HttpResponse<String> put(String path, Object body, String bearer) {
        return ServiceTokenProbe.send(new Call("PUT", Http.quarkusBaseUrl() + path, EventJson.write(body)), bearer);
    }
}
