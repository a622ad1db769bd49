package io.realskin.gateway;

import static io.realskin.gateway.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.realskin.local.LocalStackResource;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * An Idempotency-Key never lets a request skip its scope check, never hands one key's stored answer to another key,
 * and never keeps a secret (a new API key, a webhook signing secret) in the idempotency store.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
@QuarkusTestResource(StubBackends.class)
class IdempotencyScopesTest {
    private static final String FORBIDDEN = "https://realskin.io/problems/insufficient-scope";
    private static final String REUSED = "https://realskin.io/problems/idempotency-key-reused";
    private static final String NOT_REPLAYABLE = "https://realskin.io/problems/idempotency-secret-not-replayable";

    @Inject
    Pool pool;

    @Test
    void aReplayIsAuthorisedBeforeTheStoredAnswerIsRead() {
        String idem = UUID.randomUUID().toString();
        String body = "{\"tenantId\":\"admin\",\"live\":false,\"scopes\":[\"jobs:read\"]}";
        Api.admin().header("Idempotency-Key", idem).contentType("application/json").body(body).post("/v1/admin/api-keys")
                .then().statusCode(201);
        String billingReaderInAdminTenant = Api.key("admin", "billing:read");
        as(billingReaderInAdminTenant).header("Idempotency-Key", idem).contentType("application/json").body(body)
                .post("/v1/admin/api-keys").then().statusCode(403).body("type", equalTo(FORBIDDEN))
                .body("requiredScope", equalTo("admin"));

        String[] tk = Api.tenantAndKey();
        String secretIdem = UUID.randomUUID().toString();
        as(tk[1]).header("Idempotency-Key", secretIdem).post("/v1/webhooks/secrets").then().statusCode(201)
                .body("secret", startsWith("whsec_"));
        String billingReader = Api.key(tk[0], "billing:read");
        as(billingReader).header("Idempotency-Key", secretIdem).post("/v1/webhooks/secrets").then().statusCode(403)
                .body("type", equalTo(FORBIDDEN)).body("requiredScope", equalTo("jobs:write"));
    }

    @Test
    void aStoredAnswerBelongsToTheKeyThatMadeIt() {
        String[] tk = Api.tenantAndKey();
        String image = Api.upload(tk[1]);
        String body = "{\"type\":\"texture-restore\",\"imageId\":\"" + image + "\"}";
        String idem = UUID.randomUUID().toString();
        as(tk[1]).header("Idempotency-Key", idem).contentType("application/json").body(body).post("/v1/jobs").then().statusCode(202);
        String sameScopesOtherKey = Api.key(tk[0], "jobs:write", "jobs:read");
        as(sameScopesOtherKey).header("Idempotency-Key", idem).contentType("application/json").body(body).post("/v1/jobs")
                .then().statusCode(422).contentType("application/problem+json").body("type", equalTo(REUSED));
        // the key that made it still gets its answer
        as(tk[1]).header("Idempotency-Key", idem).contentType("application/json").body(body).post("/v1/jobs").then().statusCode(202)
                .header("Idempotent-Replayed", "true");
    }

    @Test
    void secretsAreNeverStoredAndTheirReplayIs409() {
        String keyIdem = UUID.randomUUID().toString();
        String tenant = Api.tenant("pro");
        String keyBody = "{\"tenantId\":\"" + tenant + "\",\"live\":false,\"scopes\":[\"jobs:write\",\"jobs:read\"]}";
        String created = Api.admin().header("Idempotency-Key", keyIdem).contentType("application/json").body(keyBody)
                .post("/v1/admin/api-keys").then().statusCode(201).extract().path("key");
        String secretIdem = UUID.randomUUID().toString();
        String secret = as(created).header("Idempotency-Key", secretIdem).post("/v1/webhooks/secrets").then().statusCode(201)
                .extract().path("secret");

        List<String> stored = storedBodies(List.of(keyIdem, secretIdem));
        assertEquals(2, stored.size(), "both requests are recorded (so their keys cannot run twice)");
        for (String row : stored) {
            assertFalse(row.contains(created) || row.contains(created.substring(9, 41)), "the API key is not stored: " + row);
            assertFalse(row.contains(secret) || row.contains("whsec_"), "the webhook secret is not stored: " + row);
            assertFalse(row.contains("rsk_"), "no key material at all: " + row);
        }

        Api.admin().header("Idempotency-Key", keyIdem).contentType("application/json").body(keyBody).post("/v1/admin/api-keys")
                .then().statusCode(409).contentType("application/problem+json").body("type", equalTo(NOT_REPLAYABLE));
        as(created).header("Idempotency-Key", secretIdem).post("/v1/webhooks/secrets").then().statusCode(409)
                .body("type", equalTo(NOT_REPLAYABLE));
        // nothing ran twice: the tenant has one key and one signing secret
        as(created).get("/v1/api-keys").then().statusCode(200).body("items.size()", equalTo(1));
        as(created).get("/v1/webhooks").then().statusCode(200).body("secrets.size()", equalTo(1));
    }

    /**
     * An answer that only repeats text the caller chose which looks like a secret (a prompt, a tenant name with
     * "whsec_" or "rsk_live_") holds no secret: it is kept and replayed, so a client retrying a lost answer learns its
     * job instead of submitting twice. Until 2026-12-07 any answer holding those prefixes was withheld (409).
     */
    @Test
    void anAnswerThatOnlyRepeatsTheCallersTextIsReplayed() {
        String[] tk = Api.tenantAndKey();
        String jobIdem = UUID.randomUUID().toString();
        String job = "{\"type\":\"generate\",\"prompt\":\"a man holding a sign that says whsec_ hello\",\"enhancePrompt\":false}";
        String id = as(tk[1]).header("Idempotency-Key", jobIdem).contentType("application/json").body(job).post("/v1/jobs")
                .then().statusCode(202).extract().path("id");
        as(tk[1]).header("Idempotency-Key", jobIdem).contentType("application/json").body(job).post("/v1/jobs").then()
                .statusCode(202).header("Idempotent-Replayed", "true").body("id", equalTo(id));

        String tenantIdem = UUID.randomUUID().toString();
        String tenant = "{\"name\":\"rsk_live_ and rsk_test_ fans\"}";
        String made = Api.admin().header("Idempotency-Key", tenantIdem).contentType("application/json").body(tenant)
                .post("/v1/admin/tenants").then().statusCode(201).extract().path("id");
        Api.admin().header("Idempotency-Key", tenantIdem).contentType("application/json").body(tenant).post("/v1/admin/tenants")
                .then().statusCode(201).header("Idempotent-Replayed", "true").body("id", equalTo(made));
    }

    /**
     * A body with a field it does not define under a used key is refused as such (400, docs/api.md "Job types"), a job's
     * as a prompt's (which the API read leniently until 2026-12-07, answering 422), and the key still replays its
     * first answer; an extra field the body defines is another request.
     */
    @Test
    void aReplayWithAnExtraUnknownFieldIsAnotherRequest() {
        String[] tk = Api.tenantAndKey();
        String image = Api.upload(tk[1]);
        String idem = UUID.randomUUID().toString();
        as(tk[1]).header("Idempotency-Key", idem).contentType("application/json")
                .body("{\"type\":\"texture-restore\",\"imageId\":\"" + image + "\"}").post("/v1/jobs").then().statusCode(202);
        as(tk[1]).header("Idempotency-Key", idem).contentType("application/json")
                .body("{\"type\":\"texture-restore\",\"imageId\":\"" + image + "\",\"priority\":\"high\"}").post("/v1/jobs")
                .then().statusCode(400).body("type", equalTo("https://realskin.io/problems/invalid-request"))
                .body("field", equalTo("priority"));
        // the same fields in another order and layout are the same request
        as(tk[1]).header("Idempotency-Key", idem).contentType("application/json")
                .body("{ \"imageId\": \"" + image + "\",\n \"type\": \"texture-restore\" }").post("/v1/jobs")
                .then().statusCode(202).header("Idempotent-Replayed", "true");

        String lintIdem = UUID.randomUUID().toString();
        as(tk[1]).header("Idempotency-Key", lintIdem).contentType("application/json").body("{\"prompt\":\"a portrait\"}")
                .post("/v1/prompts/lint").then().statusCode(200);
        as(tk[1]).header("Idempotency-Key", lintIdem).contentType("application/json")
                .body("{\"prompt\":\"a portrait\",\"priority\":\"high\"}").post("/v1/prompts/lint")
                .then().statusCode(400).body("type", equalTo("https://realskin.io/problems/invalid-request"))
                .body("field", equalTo("priority"));
        as(tk[1]).header("Idempotency-Key", lintIdem).contentType("application/json")
                .body("{\"prompt\":\"a portrait\",\"intent\":\"headshot\"}").post("/v1/prompts/lint")
                .then().statusCode(422).body("type", equalTo(REUSED));
        as(tk[1]).header("Idempotency-Key", lintIdem).contentType("application/json").body("{\"prompt\":\"a portrait\"}")
                .post("/v1/prompts/lint").then().statusCode(200).header("Idempotent-Replayed", "true");
    }

    /** Every stored column of the rows of these Idempotency-Keys, as text. */
    private List<String> storedBodies(List<String> keys) {
        List<String> rows = new ArrayList<>();
        for (Row row : pool.preparedQuery("select i::text as all_columns from idempotency_keys i where idem_key = any($1)")
                .execute(Tuple.of(keys.toArray(new String[0]))).await().atMost(Duration.ofSeconds(10))) {
            rows.add(row.getString("all_columns"));
        }
        return rows;
    }
}
