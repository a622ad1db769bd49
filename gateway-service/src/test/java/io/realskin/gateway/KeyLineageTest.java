package io.realskin.gateway;

import static io.realskin.gateway.Api.as;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.realskin.gateway.keys.ApiKeyHashes;
import io.realskin.local.LocalStackResource;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Every key records the key that created it ({@code createdBy}), and a revocation with {@code descendants=true} takes
 * every key made from it, directly or through others, in one go: what a partner does with a leaked {@code keys:write} key.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
@QuarkusTestResource(StubBackends.class)
class KeyLineageTest {
    private static final String INVALID = "https://realskin.io/problems/invalid-request";
    private static final String GRANT_EXCEEDS_KEY = "https://realskin.io/problems/grant-exceeds-key";
    /**
     * Revoked keys between a key and the one live key at the end of its lineage, inserted by one statement (with 20 000,
     * that insert, checking each row's created_by, once took over 30 s in a full module run on a loaded machine; with
     * 5 000, the walk once outlived the revocation's 10 s database budget at a load of 20 on two cores).
     */
    private static final int CHAIN = 2_000;

    @Inject
    Pool pool;

    /** The new key's id and secret. */
    private static JsonPath create(String key, String scopes) {
        return as(key).contentType("application/json").body("{\"scopes\":" + scopes + "}").post("/v1/api-keys").then()
                .statusCode(201).extract().jsonPath();
    }

    @Test
    void aLeakedKeyIsRevokedWithEveryKeyMadeFromItAndNothingElse() {
        String tenant = Api.tenant("pro");
        String leaked = Api.key(tenant, "jobs:read", "jobs:write", "keys:write");
        String responder = Api.key(tenant, "jobs:read", "jobs:write", "keys:write");
        String unrelated = Api.key(tenant, "jobs:read");
        String leakedId = Api.keyId(leaked);
        JsonPath child = create(leaked, "[\"jobs:read\",\"keys:write\"]");
        JsonPath grandchild = create(child.getString("key"), "[\"jobs:read\"]");
        JsonPath sibling = create(leaked, "[\"jobs:write\"]");
        assertEquals(leakedId, child.getString("createdBy"));
        as(responder).get("/v1/api-keys").then().statusCode(200)
                .body("items.find { it.id == '" + grandchild.getString("id") + "' }.createdBy", equalTo(child.getString("id")))
                .body("items.find { it.id == '" + leakedId + "' }.createdBy", equalTo(Api.keyId(StubBackends.ADMIN_KEY)));

        // revoked alone, a key leaves the keys it made: rotation replaces a key with one it created
        as(responder).delete("/v1/api-keys/" + child.getString("id")).then().statusCode(204);
        as(grandchild.getString("key")).get("/v1/jobs").then().statusCode(200);

        as(responder).delete("/v1/api-keys/" + leakedId + "?descendants=true").then().statusCode(200)
                .body("revoked", containsInAnyOrder(leakedId, grandchild.getString("id"), sibling.getString("id")));
        for (String gone : List.of(leaked, grandchild.getString("key"), sibling.getString("key"))) {
            as(gone).get("/v1/jobs").then().statusCode(401);
        }
        as(responder).get("/v1/jobs").then().statusCode(200);
        as(unrelated).get("/v1/jobs").then().statusCode(200);
        as(responder).delete("/v1/api-keys/" + leakedId + "?descendants=true").then().statusCode(200).body("revoked", empty());
    }

    @Test
    void aFlagThatIsNeitherTrueNorFalseIs400AndRevokesNothing() {
        String tenant = Api.tenant("pro");
        String manager = Api.key(tenant, "jobs:read", "keys:write");
        String key = create(manager, "[\"jobs:read\"]").getString("key");
        as(manager).delete("/v1/api-keys/" + Api.keyId(key) + "?descendants=yes").then().statusCode(400)
                .contentType("application/problem+json").body("type", equalTo(INVALID));
        as(key).get("/v1/jobs").then().statusCode(200);
        as(manager).delete("/v1/api-keys/" + Api.keyId(key) + "?descendants=false").then().statusCode(204);
        as(key).get("/v1/jobs").then().statusCode(401);
    }

    /** Descendants hold no more than their creator, but an administrator may have made one of them with more. */
    @Test
    void aKeyRevokesDescendantsOnlyWhenItMayRevokeEachOfThem() {
        String tenant = Api.tenant("pro");
        String manager = Api.key(tenant, "jobs:read", "keys:write");
        String made = create(manager, "[\"jobs:read\",\"keys:write\"]").getString("key");
        String madeId = Api.keyId(made);
        String elevated = Api.key(tenant, "jobs:read", "jobs:write");
        pool.preparedQuery("update api_keys set created_by = $1 where key_hash = $2").execute(Tuple.of(madeId, ApiKeyHashes.hash(elevated)))
                .await().atMost(Duration.ofSeconds(10));
        as(manager).delete("/v1/api-keys/" + madeId + "?descendants=true").then().statusCode(403)
                .body("type", equalTo(GRANT_EXCEEDS_KEY)).body("scope", equalTo("jobs:write"));
        as(made).get("/v1/jobs").then().statusCode(200);
        as(elevated).get("/v1/jobs").then().statusCode(200);
    }

    /** An administrator's key that made keys in other tenants: the administrator's revocation reaches them all. */
    @Test
    void anAdministratorRevokesAnAdminKeyWithTheKeysItMadeInEveryTenant() {
        String operator = Api.admin().contentType("application/json")
                .body("{\"tenantId\":\"admin\",\"scopes\":[\"admin\"]}").post("/v1/admin/api-keys").then().statusCode(201)
                .extract().path("key");
        String operatorId = Api.keyId(operator);
        String first = as(operator).contentType("application/json")
                .body("{\"tenantId\":\"" + Api.tenant("pro") + "\",\"scopes\":[\"jobs:read\",\"keys:write\"]}")
                .post("/v1/admin/api-keys").then().statusCode(201).body("createdBy", equalTo(operatorId)).extract().path("key");
        String second = as(operator).contentType("application/json")
                .body("{\"tenantId\":\"" + Api.tenant("free") + "\",\"scopes\":[\"jobs:read\"]}")
                .post("/v1/admin/api-keys").then().statusCode(201).extract().path("key");
        String third = create(first, "[\"jobs:read\"]").getString("key");

        Api.admin().delete("/v1/admin/api-keys/" + operatorId + "?descendants=true").then().statusCode(200)
                .body("revoked", containsInAnyOrder(operatorId, idOfRevoked(first), idOfRevoked(second), idOfRevoked(third)));
        for (String gone : List.of(operator, first, second, third)) {
            as(gone).get("/v1/jobs").then().statusCode(401);
        }
        Api.admin().get("/v1/jobs").then().statusCode(200);
    }

    /**
     * A leaked key making keys as fast as it can while it is revoked with its descendants: no key made from it survives,
     * however the creations and the revocation interleave.
     */
    @Test
    void aKeyMakingKeysWhileItIsRevokedLeavesNoneAlive() throws Exception {
        String tenant = Api.tenant("pro");
        String leaked = Api.key(tenant, "jobs:read", "keys:write");
        String responder = Api.key(tenant, "jobs:read", "keys:write");
        String leakedId = Api.keyId(leaked);
        ConcurrentLinkedQueue<Integer> statuses = new ConcurrentLinkedQueue<>();
        CountDownLatch started = new CountDownLatch(4);
        ExecutorService minters = Executors.newFixedThreadPool(2);
        try {
            for (int t = 0; t < 2; t++) {
                minters.submit(() -> {
                    for (int i = 0; i < 15; i++) {
                        int status = as(leaked).contentType("application/json").body("{\"scopes\":[\"jobs:read\",\"keys:write\"]}")
                                .post("/v1/api-keys").then().extract().statusCode();
                        statuses.add(status);
                        started.countDown();
                        if (status != 201) {
                            return;
                        }
                    }
                });
            }
            assertTrue(started.await(60, TimeUnit.SECONDS), "the leaked key made keys");
            as(responder).delete("/v1/api-keys/" + leakedId + "?descendants=true").then().statusCode(200);
        } finally {
            minters.shutdown();
            assertTrue(minters.awaitTermination(120, TimeUnit.SECONDS));
        }
        assertTrue(statuses.stream().allMatch(s -> s == 201 || s == 401), "each creation either made a key or was refused: " + statuses);
        long alive = pool.preparedQuery("with recursive tree (id) as (select id from api_keys where id = $1 union "
                        + "select k.id from api_keys k join tree on k.created_by = tree.id) "
                        + "select count(*) as n from api_keys k join tree on tree.id = k.id where k.revoked_at is null")
                .execute(Tuple.of(leakedId)).await().atMost(Duration.ofSeconds(10)).iterator().next().getLong("n");
        assertEquals(0, alive, "keys made from the leaked key still active");
        long made = statuses.stream().filter(s -> s == 201).count();
        assertTrue(made >= 4, "keys were made before the revocation: " + made);
    }

    /**
     * A tenant that made and revoked keys in a chain, one below the other, leaves a lineage of thousands of revoked keys
     * (they are kept for the walk): a revocation with descendants still follows it to its end, in the database, and
     * answers only the keys it revoked now.
     */
    @Test
    void aLineageOfThousandsOfRevokedKeysIsFollowedToItsEnd() {
        String tenant = Api.tenant("pro");
        String responder = Api.key(tenant, "jobs:read", "keys:write");
        String root = Api.key(tenant, "jobs:read", "keys:write");
        String rootId = Api.keyId(root);
        String chain = "key_chain" + Long.toString(System.nanoTime(), 36);
        pool.preparedQuery("insert into api_keys (id, tenant_id, key_hash, key_hint, scopes, created_at, revoked_at, created_by) "
                        + "select $2 || '_' || n, $1, $2 || '-hash-' || n, 'rsk_test_…chain0', array['jobs:read'], "
                        + "now() - interval '1 hour' + n * interval '1 millisecond', now() - interval '1 hour', "
                        + "case when n = 1 then $3 else $2 || '_' || (n - 1) end from generate_series(1, $4) as n")
                .execute(Tuple.of(tenant, chain, rootId, CHAIN)).await().atMost(Duration.ofSeconds(60));
        String last = Api.key(tenant, "jobs:read");
        String lastId = Api.keyId(last);
        pool.preparedQuery("update api_keys set created_by = $1 where id = $2").execute(Tuple.of(chain + "_" + CHAIN, lastId))
                .await().atMost(Duration.ofSeconds(10));

        as(responder).delete("/v1/api-keys/" + rootId + "?descendants=true").then().statusCode(200)
                .body("revoked", containsInAnyOrder(rootId, lastId));
        as(last).get("/v1/jobs").then().statusCode(401);
        as(root).get("/v1/jobs").then().statusCode(401);
        as(responder).get("/v1/jobs").then().statusCode(200);
    }

    /** A revoked key's id, read from the database (its own key can no longer list). */
    private String idOfRevoked(String key) {
        return pool.preparedQuery("select id from api_keys where key_hash = $1").execute(Tuple.of(ApiKeyHashes.hash(key)))
                .await().atMost(Duration.ofSeconds(10)).iterator().next().getString("id");
    }
}
