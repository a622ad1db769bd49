package io.realskin.gateway;

import static io.realskin.gateway.Api.as;
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
import io.realskin.gateway.config.GatewayConfig;
import io.realskin.local.LocalStack;
import io.realskin.local.LocalStackResource;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.util.List;
import java.util.UUID;
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
