package io.realskin.gateway;

import static io.realskin.gateway.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.realskin.gateway.auth.AdminAudit;
import io.realskin.gateway.config.GatewayConfig;
import io.realskin.gateway.keys.ApiKeyHashes;
import io.realskin.local.LocalStack;
import io.realskin.local.LocalStackResource;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/**
 * Operators list and look up tenants ({@code GET /v1/admin/tenants[/{id}]}) and suspend and resume them: a suspended
 * tenant's keys are refused 403 tenant-suspended before any route runs, replays included, and work again as they were
 * once it is resumed. The replica that suspends forgets the tenant's cached keys at once, so nothing here waits for the
 * auth cache to expire.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
@QuarkusTestResource(StubBackends.class)
class AdminTenantsTest {
    private static final String SUSPENDED = "https://realskin.io/problems/tenant-suspended";
    private static final String NOT_SUSPENDABLE = "https://realskin.io/problems/tenant-not-suspendable";
    private static final String NOT_FOUND = "https://realskin.io/problems/not-found";
    private static final String FORBIDDEN = "https://realskin.io/problems/insufficient-scope";
    private static final String INVALID = "https://realskin.io/problems/invalid-request";

    @Inject
    GatewayConfig config;

    private static String tenantNamed(String name) {
        return Api.admin().contentType("application/json").body("{\"name\":\"" + name + "\",\"plan\":\"pro\"}")
                .post("/v1/admin/tenants").then().statusCode(201).extract().path("id");
    }

    private static ValidatableResponse suspend(String tenant, String body) {
        return Api.admin().contentType("application/json").body(body).post("/v1/admin/tenants/" + tenant + "/suspend").then();
    }

    private static ValidatableResponse resume(String tenant) {
        return Api.admin().post("/v1/admin/tenants/" + tenant + "/resume").then();
    }

    /**
     * {@code {"name": …, "Plan": "pro"}} made a free tenant: a field the body does not define is 400 naming it and what it
     * likely meant, and no tenant is made.
     */
    @Test
    void aFieldTheBodyDoesNotDefineMakesNoTenant() {
        String name = "Misspelt-" + UUID.randomUUID().toString().substring(0, 8);
        Api.admin().contentType("application/json").body("{\"name\":\"" + name + "\",\"Plan\":\"pro\"}").post("/v1/admin/tenants")
                .then().statusCode(400).contentType("application/problem+json").body("type", equalTo(INVALID))
                .body("field", equalTo("Plan")).body("suggestions.Plan", equalTo("plan"));
        Api.admin().queryParam("q", name).get("/v1/admin/tenants").then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void tenantsAreListedNewestFirstPagedAndFoundByNamePrefixOrId() {
        String prefix = "Listed-" + UUID.randomUUID().toString().substring(0, 8);
        String first = tenantNamed(prefix + " one");
        String second = tenantNamed(prefix + " two");
        String third = tenantNamed(prefix + " three");
        Api.key(first, "jobs:read");
        String revoked = Api.admin().contentType("application/json")
                .body("{\"tenantId\":\"" + first + "\",\"live\":false,\"scopes\":[\"jobs:read\"]}").post("/v1/admin/api-keys")
                .then().statusCode(201).extract().path("id");
        Api.admin().delete("/v1/admin/api-keys/" + revoked).then().statusCode(204);

        String cursor = Api.admin().queryParam("q", prefix.toUpperCase()).queryParam("limit", 2).get("/v1/admin/tenants")
                .then().statusCode(200).body("items.id", equalTo(List.of(third, second)))
                .body("items[0].name", equalTo(prefix + " three")).body("items[0].plan", equalTo("pro"))
                .body("items[0].status", equalTo("active")).body("items[0].suspendedAt", nullValue())
                .body("items[0].createdAt", notNullValue()).body("nextCursor", notNullValue())
                .extract().path("nextCursor");
        Api.admin().queryParam("q", prefix.toUpperCase()).queryParam("limit", 2).queryParam("cursor", cursor).get("/v1/admin/tenants")
                .then().statusCode(200).body("items.id", equalTo(List.of(first))).body("items[0].activeKeys", equalTo(1))
                .body("nextCursor", nullValue());

        Api.admin().queryParam("q", second).get("/v1/admin/tenants").then().statusCode(200).body("items.id", equalTo(List.of(second)));
        Api.admin().queryParam("q", prefix + " tw").get("/v1/admin/tenants").then().statusCode(200)
                .body("items.id", equalTo(List.of(second)));
        Api.admin().queryParam("q", "No-such-" + prefix).get("/v1/admin/tenants").then().statusCode(200).body("items", hasSize(0));
        // a blank q is refused, as an empty one is (it listed every tenant): only leaving it out does
        for (String blank : List.of(" ", "   ")) {
            Api.admin().queryParam("q", blank).get("/v1/admin/tenants").then().statusCode(400)
                    .contentType("application/problem+json").body("field", equalTo("q"))
                    .body("detail", equalTo("q is blank: give a tenant id or the start of a name, or leave it out for every tenant"));
        }
        // without q, every tenant: the newest first
        Api.admin().queryParam("limit", 1).get("/v1/admin/tenants").then().statusCode(200).body("items", hasSize(1))
                .body("nextCursor", notNullValue());
    }

    @Test
    void oneTenantShowsItsKeysJobsAndStorage() throws Exception {
        String[] tk = Api.tenantAndKey();
        Api.upload(tk[1]);
        try (Connection c = LocalStack.shared().postgres().connect("gateway")) {
            Sql.execute(c, "insert into jobs (id, tenant_id, type, status, request) values (?, ?, 'texture-restore', 'queued', "
                    + "'{}'::jsonb)", "job_admin" + tk[0].substring(4), tk[0]);
        }
        Api.admin().get("/v1/admin/tenants/" + tk[0]).then().statusCode(200)
                .body("id", equalTo(tk[0])).body("name", equalTo("test tenant")).body("plan", equalTo("pro"))
                .body("status", equalTo("active")).body("activeKeys", equalTo(1)).body("unfinishedJobs", equalTo(1))
                .body("storage.images", equalTo(1)).body("storage.usedBytes", greaterThan(0))
                .body("storage.limitBytes", notNullValue());
    }

    /**
     * An operator finds the id of any tenant's key to revoke: {@code GET /v1/api-keys} with the admin key lists the
     * admin tenant's keys (a {@code tenantId} parameter is no filter of it), and the tenant's details give a count only.
     */
    @Test
    void anOperatorListsATenantsKeysMaskedToRevokeOne() {
        String tenant = Api.tenant("pro");
        String keep = Api.key(tenant, "jobs:read");
        String leaked = Api.key(tenant, "jobs:write", "jobs:read");
        String revokedId = Api.admin().contentType("application/json")
                .body("{\"tenantId\":\"" + tenant + "\",\"live\":false,\"scopes\":[\"jobs:read\"]}").post("/v1/admin/api-keys")
                .then().statusCode(201).extract().path("id");
        Api.admin().delete("/v1/admin/api-keys/" + revokedId).then().statusCode(204);

        String all = Api.admin().get("/v1/admin/tenants/" + tenant + "/api-keys").then().statusCode(200)
                .body("items", hasSize(3)).body("items[0].id", equalTo(revokedId)).body("items[0].revokedAt", notNullValue())
                .body("items[1].hint", equalTo(leaked.substring(0, 9) + "…" + leaked.substring(leaked.length() - 6)))
                .body("items[1].scopes", hasSize(2)).body("items[1].createdAt", notNullValue())
                .body("nextCursor", nullValue()).extract().asString();
        for (String key : List.of(keep, leaked)) {
            assertFalse(all.contains(key.substring(9, 41)), "the secret part of a key is never shown: " + all);
        }
        assertFalse(all.contains("keyHash") || all.contains("key_hash"), all);
        String leakedId = Api.admin().queryParam("state", "active").queryParam("limit", 1).get("/v1/admin/tenants/" + tenant + "/api-keys")
                .then().statusCode(200).body("items", hasSize(1)).body("nextCursor", notNullValue()).extract().path("items[0].id");
        as(leaked).get("/v1/jobs").then().statusCode(200);
        Api.admin().delete("/v1/admin/api-keys/" + leakedId).then().statusCode(204);
        as(leaked).get("/v1/jobs").then().statusCode(401);
        as(keep).get("/v1/jobs").then().statusCode(200);

        Api.admin().get("/v1/admin/tenants/ten_nosuchtenant/api-keys").then().statusCode(404)
                .contentType("application/problem+json").body("type", equalTo(NOT_FOUND));
        Api.admin().queryParam("state", "revoked").get("/v1/admin/tenants/" + tenant + "/api-keys").then().statusCode(400)
                .body("type", equalTo(INVALID)).body("field", equalTo("state"));
        as(keep).get("/v1/admin/tenants/" + tenant + "/api-keys").then().statusCode(403).body("type", equalTo(FORBIDDEN));
    }

    /**
     * Every admin action leaves one INFO line naming it, the tenant and the admin key that did it; only suspensions,
     * cancels and descendant revocations did. No line holds a key: not the new one, not the admin key.
     */
    @Test
    void everyAdminActionIsLoggedWithTheAdminKeyAndNoSecret() {
        String adminKeyId = "key_admin_" + ApiKeyHashes.hash(StubBackends.ADMIN_KEY).substring(0, 16);
        String tenant;
        String newKey;
        String newKeyId;
        List<String> lines;
        try (CapturedLog log = new CapturedLog(AdminAudit.class, Level.INFO)) {
            tenant = Api.tenant("pro");
            var made = Api.admin().contentType("application/json")
                    .body("{\"tenantId\":\"" + config.adminTenant() + "\",\"live\":false,\"scopes\":[\"admin\"]}")
                    .post("/v1/admin/api-keys").then().statusCode(201).extract();
            newKey = made.path("key");
            newKeyId = made.path("id");
            Api.admin().delete("/v1/admin/api-keys/" + newKeyId).then().statusCode(204);
            Api.admin().contentType("application/json").body("{\"plan\":\"creator\"}").put("/v1/admin/tenants/" + tenant + "/plan")
                    .then().statusCode(200);
            Api.admin().contentType("application/json").body("{\"amount\":500,\"idempotencyKey\":\"audit-1\",\"reason\":\"rsk_live_x\"}")
                    .post("/v1/admin/tenants/" + tenant + "/grants").then().statusCode(201);
            Api.admin().contentType("application/json").body("{\"amount\":-20,\"idempotencyKey\":\"audit-2\"}")
                    .post("/v1/admin/tenants/" + tenant + "/adjustments").then().statusCode(201);
            Api.admin().contentType("application/json").body("{\"jobId\":\"job_audited\",\"amount\":3}")
                    .post("/v1/admin/tenants/" + tenant + "/refunds").then().statusCode(201);
            lines = log.records().stream().map(r -> r.getLevel() + " " + r.getFormattedMessage()).toList();
            assertEquals(List.of(
                    "INFO admin action tenant-created on tenant " + tenant + " (plan=pro) by admin key " + adminKeyId,
                    "INFO admin action api-key-created on tenant " + config.adminTenant() + " (key=" + newKeyId
                            + ", scopes=[admin], live=false) by admin key " + adminKeyId,
                    "INFO admin action api-key-revoked on tenant " + config.adminTenant() + " (key=" + newKeyId + ") by admin key " + adminKeyId,
                    "INFO admin action plan-changed on tenant " + tenant + " (plan=creator) by admin key " + adminKeyId,
                    "INFO admin action credits-granted on tenant " + tenant + " (amount=500, entry=7, booked=true) by admin key " + adminKeyId,
                    "INFO admin action balance-adjusted on tenant " + tenant + " (amount=-20, entry=7, booked=true) by admin key " + adminKeyId,
                    "INFO admin action job-refunded on tenant " + tenant + " (amount=3, job=job_audited, entry=7, booked=true) by admin key "
                            + adminKeyId), lines);
        }
        assertEquals(List.of(adminKeyId, adminKeyId, adminKeyId), Stubs.creditActors(tenant), "billing records who booked each entry");
        for (String line : lines) {
            assertFalse(line.contains(newKey.substring(9, 41)) || line.contains(StubBackends.ADMIN_KEY.substring(9, 41))
                    || line.contains("rsk_"), "a key in the log: " + line);
        }
    }

    @Test
    void unknownTenantsAreNotFoundAndOnlyAdminKeysMayAsk() {
        for (String path : List.of("/v1/admin/tenants/ten_nosuchtenant", "/v1/admin/tenants/not%20an%20id")) {
            Api.admin().get(path).then().statusCode(404).contentType("application/problem+json").body("type", equalTo(NOT_FOUND));
        }
        suspend("ten_nosuchtenant", "{\"reason\":\"test\"}").statusCode(404).body("type", equalTo(NOT_FOUND));
        resume("ten_nosuchtenant").statusCode(404).body("type", equalTo(NOT_FOUND));

        String[] tk = Api.tenantAndKey();
        as(tk[1]).get("/v1/admin/tenants").then().statusCode(403).body("type", equalTo(FORBIDDEN));
        as(tk[1]).get("/v1/admin/tenants/" + tk[0]).then().statusCode(403).body("type", equalTo(FORBIDDEN));
        as(tk[1]).contentType("application/json").body("{\"reason\":\"mine\"}").post("/v1/admin/tenants/" + tk[0] + "/suspend")
                .then().statusCode(403).body("type", equalTo(FORBIDDEN));
        as(tk[1]).post("/v1/admin/tenants/" + tk[0] + "/resume").then().statusCode(403).body("type", equalTo(FORBIDDEN));
    }

    @Test
    void aSuspendedTenantsKeysAreRefusedEverywhereUntilItIsResumed() {
        String[] suspended = Api.tenantAndKey();
        String[] other = Api.tenantAndKey();
        String idem = UUID.randomUUID().toString();
        String image = as(suspended[1]).header("Idempotency-Key", idem).contentType("image/png").body(Api.png(16, 16))
                .post("/v1/images").then().statusCode(201).extract().path("id");
        as(suspended[1]).get("/v1/jobs").then().statusCode(200);

        String reason = "internal: chargeback case " + UUID.randomUUID();
        suspend(suspended[0], "{\"reason\":\"" + reason + "\"}").statusCode(200)
                .body("id", equalTo(suspended[0])).body("status", equalTo("suspended")).body("suspendedAt", notNullValue())
                .body("suspendedReason", equalTo(reason)).body("activeKeys", equalTo(1));

        as(suspended[1]).get("/v1/jobs").then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo(SUSPENDED)).body("suspendedAt", notNullValue())
                .body("contact", equalTo(config.auth().suspendedContact()))
                .body("detail", containsString(config.auth().suspendedContact())).body("detail", not(containsString(reason)));
        as(suspended[1]).get("/v1/images/" + image).then().statusCode(403).body("type", equalTo(SUSPENDED));
        // the replay of a request that succeeded before is refused too: the key is checked before any replay
        as(suspended[1]).header("Idempotency-Key", idem).contentType("image/png").body(Api.png(16, 16)).post("/v1/images")
                .then().statusCode(403).body("type", equalTo(SUSPENDED)).header("Idempotent-Replayed", nullValue());
        as(other[1]).get("/v1/jobs").then().statusCode(200);
        as(other[1]).get("/v1/images").then().statusCode(200);

        // suspended again: the first suspension stands
        suspend(suspended[0], "{\"reason\":\"a second reason\"}").statusCode(200).body("suspendedReason", equalTo(reason));
        Api.admin().get("/v1/admin/tenants/" + suspended[0]).then().statusCode(200).body("status", equalTo("suspended"))
                .body("suspendedReason", equalTo(reason)).body("activeKeys", equalTo(1));
        Api.admin().queryParam("q", suspended[0]).get("/v1/admin/tenants").then().statusCode(200)
                .body("items[0].status", equalTo("suspended"));

        resume(suspended[0]).statusCode(200).body("status", equalTo("active")).body("suspendedAt", nullValue())
                .body("suspendedReason", nullValue());
        as(suspended[1]).get("/v1/jobs").then().statusCode(200);
        as(suspended[1]).get("/v1/images/" + image).then().statusCode(200);
        as(suspended[1]).header("Idempotency-Key", idem).contentType("image/png").body(Api.png(16, 16)).post("/v1/images")
                .then().statusCode(201).header("Idempotent-Replayed", equalTo("true")).body("id", equalTo(image));
        resume(suspended[0]).statusCode(200).body("status", equalTo("active"));
    }

    @Test
    void theAdministratorsTenantCannotBeSuspended() {
        suspend(config.adminTenant(), "{\"reason\":\"never\"}").statusCode(409).contentType("application/problem+json")
                .body("type", equalTo(NOT_SUSPENDABLE));
        Api.admin().get("/v1/admin/tenants/" + config.adminTenant()).then().statusCode(200).body("status", equalTo("active"));
    }

    @Test
    void theOpenApiDocumentShowsTheSuspensionProblems() {
        io.restassured.RestAssured.given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/v1/jobs'.get.responses.'403'.content.'application/problem+json'.examples.'tenant-suspended'.value.type",
                        equalTo(SUSPENDED))
                .body("paths.'/v1/admin/tenants/{id}/suspend'.post.responses.'409'.content.'application/problem+json'.examples"
                        + ".'tenant-not-suspendable'.value.type", equalTo(NOT_SUSPENDABLE))
                .body("paths.'/v1/admin/tenants'.get.responses.'200'.content.'application/json'.schema.'$ref'",
                        equalTo("#/components/schemas/TenantPage"));
    }

    @Test
    void aSuspensionNeedsAReasonOfAtMost500Characters() {
        String tenant = Api.tenant("free");
        for (String body : List.of("{}", "{\"reason\":\"\"}", "{\"reason\":\"   \"}", "{\"reason\":\"" + "x".repeat(501) + "\"}",
                "{\"reason\":\"bell\\u0007\"}")) {
            suspend(tenant, body).statusCode(400).contentType("application/problem+json").body("type", equalTo(INVALID));
        }
        Api.admin().contentType("application/json").post("/v1/admin/tenants/" + tenant + "/suspend").then().statusCode(400)
                .body("type", equalTo(INVALID));
        Api.admin().get("/v1/admin/tenants/" + tenant).then().statusCode(200).body("status", equalTo("active"));
        suspend(tenant, "{\"reason\":\"" + "x".repeat(500) + "\"}").statusCode(200).body("status", equalTo("suspended"));
        resume(tenant).statusCode(200);
    }
}
