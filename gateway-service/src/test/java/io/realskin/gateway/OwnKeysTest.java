package io.realskin.gateway;

import static io.realskin.gateway.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.realskin.gateway.config.GatewayConfig;
import io.realskin.gateway.keys.ApiKeyHashes;
import io.realskin.gateway.keys.ApiKeyRepository;
import io.realskin.gateway.keys.KeyUses;
import io.realskin.local.LocalStackResource;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A tenant's key with scope keys:write creates and revokes the tenant's own keys ({@code POST}/{@code DELETE /v1/api-keys}),
 * never beyond itself: the scopes it holds and never admin, its live or test kind, its rate limit and expiry at most, a cap
 * on active keys; another tenant's keys are 404; a revoked or expired key does nothing.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
@QuarkusTestResource(StubBackends.class)
class OwnKeysTest {
    private static final String GRANT_EXCEEDS_KEY = "https://realskin.io/problems/grant-exceeds-key";
    private static final String FORBIDDEN = "https://realskin.io/problems/insufficient-scope";
    private static final String NOT_FOUND = "https://realskin.io/problems/not-found";
    private static final String UNAUTHORIZED = "https://realskin.io/problems/unauthorized";
    private static final String TOO_MANY_KEYS = "https://realskin.io/problems/too-many-keys";
    private static final String TOO_MANY_KEY_CREATIONS = "https://realskin.io/problems/too-many-key-creations";
    private static final String NOT_REPLAYABLE = "https://realskin.io/problems/idempotency-secret-not-replayable";
    private static final String REUSED = "https://realskin.io/problems/idempotency-key-reused";

    @Inject
    Pool pool;

    @Inject
    GatewayConfig config;

    @Inject
    KeyUses uses;

    @Inject
    ApiKeyRepository repository;

    private static ValidatableResponse create(String key, String body) {
        return as(key).contentType("application/json").body(body).post("/v1/api-keys").then();
    }

    /** A key made by the administrator, with the fields of the body besides tenantId. */
    private static String adminMade(String tenant, String fields) {
        return Api.admin().contentType("application/json").body("{\"tenantId\":\"" + tenant + "\"," + fields + "}")
                .post("/v1/admin/api-keys").then().statusCode(201).extract().path("key");
    }

    /**
     * {@code {"Name": "ci", …}} made a key without a name (Jackson dropped the name it did not know): a field the body does
     * not define is 400 naming it and what it likely meant, and no key is made; nothing is kept under its Idempotency-Key,
     * which the corrected body may use.
     */
    @Test
    void aFieldTheBodyDoesNotDefineMakesNoKey() {
        String keys = Api.key(Api.tenant("pro"), "jobs:read", "keys:write");
        String idem = UUID.randomUUID().toString();
        as(keys).header("Idempotency-Key", idem).contentType("application/json").body("{\"Name\":\"ci\",\"scopes\":[\"jobs:read\"]}")
                .post("/v1/api-keys").then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://realskin.io/problems/invalid-request")).body("field", equalTo("Name"))
                .body("suggestions.Name", equalTo("name")).body("detail", equalTo("Name is not a field of this body; did you mean name?"));
        as(keys).get("/v1/api-keys").then().statusCode(200).body("items", hasSize(1));
        as(keys).header("Idempotency-Key", idem).contentType("application/json").body("{\"name\":\"ci\",\"scopes\":[\"jobs:read\"]}")
                .post("/v1/api-keys").then().statusCode(201).body("name", equalTo("ci"));
    }

    @Test
    void aKeyWithoutKeysWriteCreatesAndRevokesNothing() {
        String[] tk = Api.tenantAndKey();
        create(tk[1], "{\"scopes\":[\"jobs:read\"]}").statusCode(403).contentType("application/problem+json")
                .body("type", equalTo(FORBIDDEN)).body("requiredScope", equalTo("keys:write"));
        as(tk[1]).delete("/v1/api-keys/" + Api.keyId(tk[1])).then().statusCode(403).body("requiredScope", equalTo("keys:write"));
        as(tk[1]).get("/v1/api-keys").then().statusCode(200).body("items", hasSize(1)).body("items.revokedAt", everyItem(nullValue()));
    }

    @Test
    void aNewKeyIsShownOnceStoredHashedListedMaskedAndHoldsOnlyWhatItWasGiven() {
        String tenant = Api.tenant("pro");
        String rotator = Api.key(tenant, "jobs:write", "jobs:read", "keys:write");
        JsonPath created = create(rotator, "{\"name\":\"second\",\"scopes\":[\"jobs:read\"]}").statusCode(201)
                .contentType("application/json").body("key", startsWith("rsk_test_")).body("tenantId", equalTo(tenant))
                .body("name", equalTo("second")).body("scopes", equalTo(Api.scopes("jobs:read"))).extract().jsonPath();
        String key = created.getString("key");
        assertEquals(ApiKeyHashes.hint(key), created.getString("hint"));
        as(key).get("/v1/jobs").then().statusCode(200);
        as(key).contentType("image/png").body(Api.png(8, 8)).post("/v1/images").then().statusCode(403)
                .body("requiredScope", equalTo("jobs:write"));

        String listing = as(rotator).get("/v1/api-keys").then().statusCode(200).body("items", hasSize(2))
                .body("items.key", everyItem(nullValue())).extract().asString();
        assertFalse(listing.contains(key.substring(9, 41)), "the secret part of a key is never shown again");
        Row stored = pool.preparedQuery("select k::text as all_columns, key_hash from api_keys k where id = $1")
                .execute(Tuple.of(created.getString("id"))).await().atMost(Duration.ofSeconds(10)).iterator().next();
        assertEquals(ApiKeyHashes.hash(key), stored.getString("key_hash"));
        assertFalse(stored.getString("all_columns").contains(key.substring(9, 41)), "only the key's hash is stored");
    }

    @Test
    void aScopeTheCallerLacksOrAdminIsRefusedByName() {
        String tenant = Api.tenant("pro");
        String rotator = Api.key(tenant, "jobs:read", "keys:write");
        create(rotator, "{\"scopes\":[\"jobs:read\",\"jobs:write\"]}").statusCode(403).contentType("application/problem+json")
                .body("type", equalTo(GRANT_EXCEEDS_KEY)).body("field", equalTo("scopes")).body("scope", equalTo("jobs:write"))
                .body("detail", containsString("jobs:write"));
        create(rotator, "{\"scopes\":[\"admin\"]}").statusCode(403).body("type", equalTo(GRANT_EXCEEDS_KEY))
                .body("scope", equalTo("admin"));
        create(rotator, "{\"scopes\":[\"no-such-scope\"]}").statusCode(400)
                .body("type", equalTo("https://realskin.io/problems/invalid-request"));
        // keys:write itself may be passed on, as any scope the caller holds (a rotated key can rotate again)
        String next = create(rotator, "{\"scopes\":[\"jobs:read\",\"keys:write\"]}").statusCode(201).extract().path("key");
        create(next, "{\"scopes\":[\"billing:read\"]}").statusCode(403).body("scope", equalTo("billing:read"));
        as(rotator).get("/v1/api-keys").then().statusCode(200).body("items", hasSize(2));

        String adminTenantKey = Api.key("admin", "admin");
        create(adminTenantKey, "{\"scopes\":[\"admin\"]}").statusCode(403).body("type", equalTo(GRANT_EXCEEDS_KEY))
                .body("scope", equalTo("admin"));
    }

    @Test
    void aTestKeyCannotMintALiveKeyAndALiveKeyMintsLiveKeys() {
        String tenant = Api.tenant("pro");
        String testKey = Api.key(tenant, "jobs:read", "keys:write");
        create(testKey, "{\"scopes\":[\"jobs:read\"],\"live\":true}").statusCode(403).body("type", equalTo(GRANT_EXCEEDS_KEY))
                .body("field", equalTo("live"));
        create(testKey, "{\"scopes\":[\"jobs:read\"]}").statusCode(201).body("key", startsWith("rsk_test_"));
        String liveKey = adminMade(tenant, "\"live\":true,\"scopes\":[\"jobs:read\",\"keys:write\"]");
        create(liveKey, "{\"scopes\":[\"jobs:read\"]}").statusCode(201).body("key", startsWith("rsk_live_"));
    }

    @Test
    void theExpiryIsNoLaterThanTheCallersAndItsWhenNoneIsAsked() {
        String tenant = Api.tenant("pro");
        Instant own = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        String rotator = adminMade(tenant, "\"live\":false,\"scopes\":[\"jobs:read\",\"keys:write\"],\"expiresAt\":\"" + own + "\"");
        create(rotator, "{\"scopes\":[\"jobs:read\"],\"expiresAt\":\"" + own.plusSeconds(1) + "\"}").statusCode(403)
                .body("type", equalTo(GRANT_EXCEEDS_KEY)).body("field", equalTo("expiresAt"));
        String inherited = create(rotator, "{\"scopes\":[\"jobs:read\"]}").statusCode(201).extract().path("expiresAt");
        assertEquals(own, Instant.parse(inherited));
        Instant sooner = own.minus(1, ChronoUnit.HOURS);
        String asked = create(rotator, "{\"scopes\":[\"jobs:read\"],\"expiresAt\":\"" + sooner + "\"}").statusCode(201)
                .extract().path("expiresAt");
        assertEquals(sooner, Instant.parse(asked));
        create(rotator, "{\"scopes\":[\"jobs:read\"],\"expiresAt\":\"2020-01-01T00:00:00Z\"}").statusCode(400);
    }

    @Test
    void theRateLimitIsAtMostTheCallersAndItsWhenNoneIsAsked() {
        String tenant = Api.tenant("pro");
        String rotator = Api.keyWith(tenant, 100, "jobs:read", "keys:write");
        create(rotator, "{\"scopes\":[\"jobs:read\"],\"rateLimitPerMinute\":101}").statusCode(403)
                .body("type", equalTo(GRANT_EXCEEDS_KEY)).body("field", equalTo("rateLimitPerMinute"));
        create(rotator, "{\"scopes\":[\"jobs:read\"],\"rateLimitPerMinute\":100}").statusCode(201).body("rateLimitPerMinute", equalTo(100));
        create(rotator, "{\"scopes\":[\"jobs:read\"]}").statusCode(201).body("rateLimitPerMinute", equalTo(100));
        create(rotator, "{\"scopes\":[\"jobs:read\"],\"rateLimitPerMinute\":7}").statusCode(201).body("rateLimitPerMinute", equalTo(7));
    }

    @Test
    void aTenantsActiveKeysAreCappedRevokedOnesDoNotCountAndTheAdministratorIsNotHeldToIt() {
        int cap = config.keys().maxActivePerTenant();
        String tenant = Api.tenant("pro");
        String rotator = Api.key(tenant, "jobs:read", "keys:write");
        String revoked = Api.key(tenant, "jobs:read");
        Api.admin().delete("/v1/admin/api-keys/" + Api.keyId(revoked)).then().statusCode(204);
        for (int active = 1; active < cap - 1; active++) {
            Api.key(tenant, "jobs:read");
        }
        String last = create(rotator, "{\"scopes\":[\"jobs:read\"]}").statusCode(201).extract().path("id");
        create(rotator, "{\"scopes\":[\"jobs:read\"]}").statusCode(409).contentType("application/problem+json")
                .body("type", equalTo(TOO_MANY_KEYS)).body("limit", equalTo(cap));
        as(rotator).delete("/v1/api-keys/" + last).then().statusCode(204);
        create(rotator, "{\"scopes\":[\"jobs:read\"]}").statusCode(201);
        Api.key(tenant, "jobs:read");
    }

    /**
     * Revoked keys are kept for good (the lineage), so a tenant making and revoking keys without end would pile them up
     * while staying under the cap on active keys: its keys create at most so many within any 24 hours, revoked ones
     * included. An administrator's keys for the tenant are neither held to it nor counted.
     */
    @Test
    void aTenantsKeysCreateAtMostSoManyKeysWithin24HoursRevokedOnesIncluded() {
        int perDay = config.keys().maxCreatedPerTenantPerDay();
        String tenant = Api.tenant("pro");
        String rotator = Api.key(tenant, "jobs:read", "keys:write");
        String rotatorId = Api.keyId(rotator);
        // the tenant's keys made all but one of them this past hour, and revoked each (none is active)
        pool.preparedQuery("insert into api_keys (id, tenant_id, key_hash, key_hint, scopes, created_at, revoked_at, created_by) "
                        + "select $2 || '_' || n, $1, $2 || '-hash-' || n, 'rsk_test_…made00', array['jobs:read'], "
                        + "now() - interval '1 hour', now() - interval '1 hour', $3 from generate_series(1, $4) as n")
                .execute(Tuple.of(tenant, "key_made" + UUID.randomUUID().toString().replace("-", ""), rotatorId, perDay - 1))
                .await().atMost(Duration.ofSeconds(10));
        Api.key(tenant, "jobs:read");
        String last = create(rotator, "{\"scopes\":[\"jobs:read\"]}").statusCode(201).extract().path("id");
        as(rotator).delete("/v1/api-keys/" + last).then().statusCode(204);

        ValidatableResponse refused = create(rotator, "{\"scopes\":[\"jobs:read\"]}").statusCode(429)
                .contentType("application/problem+json").body("type", equalTo(TOO_MANY_KEY_CREATIONS)).body("limit", equalTo(perDay));
        long retryAfter = refused.extract().jsonPath().getLong("retryAfter");
        assertEquals(String.valueOf(retryAfter), refused.extract().header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 24 * 3600, "room once the oldest that count are a day old: " + retryAfter);
        Api.key(tenant, "jobs:read");

        // a day on, those made an hour ago count no more
        pool.preparedQuery("update api_keys set created_at = created_at - interval '1 day' where tenant_id = $1 and created_by = $2 "
                        + "and created_at < now() - interval '30 minutes'")
                .execute(Tuple.of(tenant, rotatorId)).await().atMost(Duration.ofSeconds(10));
        create(rotator, "{\"scopes\":[\"jobs:read\"]}").statusCode(201);
    }

    @Test
    void anotherTenantsKeyOrAnUnknownOneIs404AndStaysUsable() {
        String rotator = Api.key(Api.tenant("pro"), "jobs:read", "keys:write");
        String other = Api.key(Api.tenant("pro"), "jobs:read");
        as(rotator).delete("/v1/api-keys/" + Api.keyId(other)).then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo(NOT_FOUND));
        as(rotator).delete("/v1/api-keys/key_NoSuchKey0000000000").then().statusCode(404).body("type", equalTo(NOT_FOUND));
        as(other).get("/v1/jobs").then().statusCode(200);
    }

    @Test
    void aKeyCannotRevokeAKeyHoldingAScopeItLacks() {
        String tenant = Api.tenant("pro");
        String manager = Api.key(tenant, "jobs:read", "keys:write");
        String production = Api.key(tenant, "jobs:write", "jobs:read");
        as(manager).delete("/v1/api-keys/" + Api.keyId(production)).then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo(GRANT_EXCEEDS_KEY)).body("scope", equalTo("jobs:write"));
        as(production).get("/v1/jobs").then().statusCode(200);
    }

    @Test
    void aKeyItsTenantRevokesIs401AtOnce() {
        String rotator = Api.key(Api.tenant("pro"), "jobs:read", "keys:write");
        JsonPath created = create(rotator, "{\"scopes\":[\"jobs:read\"]}").statusCode(201).extract().jsonPath();
        String old = created.getString("key");
        as(old).get("/v1/jobs").then().statusCode(200); // now cached
        as(rotator).delete("/v1/api-keys/" + created.getString("id")).then().statusCode(204);
        as(old).get("/v1/jobs").then().statusCode(401).body("type", equalTo(UNAUTHORIZED)).body("detail", containsString("revoked"));
        as(rotator).delete("/v1/api-keys/" + created.getString("id")).then().statusCode(204);
        as(rotator).get("/v1/api-keys").then().statusCode(200)
                .body("items.find { it.id == '" + created.getString("id") + "' }.revokedAt", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void aKeyMayRevokeItselfAndThenDoesNothingMore() {
        String tenant = Api.tenant("pro");
        String rotator = Api.key(tenant, "jobs:read", "keys:write");
        String fresh = create(rotator, "{\"scopes\":[\"jobs:read\",\"keys:write\"]}").statusCode(201).extract().path("key");
        as(rotator).delete("/v1/api-keys/" + Api.keyId(rotator)).then().statusCode(204);
        create(rotator, "{\"scopes\":[\"jobs:read\"]}").statusCode(401).body("type", equalTo(UNAUTHORIZED));
        as(rotator).get("/v1/jobs").then().statusCode(401);
        as(fresh).get("/v1/api-keys").then().statusCode(200).body("items", hasSize(2));
    }

    /** Revoked or expired on another replica (straight in the database) while this one still has the key cached. */
    @Test
    void aKeyRevokedOrExpiredElsewhereCreatesAndRevokesNothingEvenWhileCached() {
        String tenant = Api.tenant("pro");
        String revoked = Api.key(tenant, "jobs:read", "keys:write");
        String expired = Api.key(tenant, "jobs:read", "keys:write");
        String victimId = Api.keyId(revoked); // both now cached
        Api.keyId(expired);
        pool.preparedQuery("update api_keys set revoked_at = now() where id = $1").execute(Tuple.of(victimId))
                .await().atMost(Duration.ofSeconds(10));
        pool.preparedQuery("update api_keys set expires_at = now() - interval '1 second' where key_hash = $1")
                .execute(Tuple.of(ApiKeyHashes.hash(expired))).await().atMost(Duration.ofSeconds(10));
        create(revoked, "{\"scopes\":[\"jobs:read\"]}").statusCode(401).body("type", equalTo(UNAUTHORIZED))
                .body("detail", containsString("revoked"));
        create(expired, "{\"scopes\":[\"jobs:read\"]}").statusCode(401).body("type", equalTo(UNAUTHORIZED))
                .body("detail", containsString("expired"));
        as(expired).delete("/v1/api-keys/" + victimId).then().statusCode(401);
        long keys = pool.preparedQuery("select count(*) as n from api_keys where tenant_id = $1").execute(Tuple.of(tenant))
                .await().atMost(Duration.ofSeconds(10)).iterator().next().getLong("n");
        assertEquals(2, keys, "no key was created");
    }

    @Test
    void anIdempotentCreateRunsOnceAndItsSecretIsNeverReplayed() {
        String tenant = Api.tenant("pro");
        String rotator = Api.key(tenant, "jobs:read", "keys:write");
        String idem = UUID.randomUUID().toString();
        String body = "{\"name\":\"rotation\",\"scopes\":[\"jobs:read\"]}";
        String key = as(rotator).header("Idempotency-Key", idem).contentType("application/json").body(body).post("/v1/api-keys")
                .then().statusCode(201).extract().path("key");
        as(rotator).header("Idempotency-Key", idem).contentType("application/json").body(body).post("/v1/api-keys").then()
                .statusCode(409).contentType("application/problem+json").body("type", equalTo(NOT_REPLAYABLE));
        as(rotator).header("Idempotency-Key", idem).contentType("application/json").body("{\"scopes\":[\"jobs:read\"]}")
                .post("/v1/api-keys").then().statusCode(422).body("type", equalTo(REUSED));
        as(rotator).get("/v1/api-keys").then().statusCode(200).body("items", hasSize(2));
        String row = pool.preparedQuery("select i::text as all_columns from idempotency_keys i where idem_key = $1")
                .execute(Tuple.of(idem)).await().atMost(Duration.ofSeconds(10)).iterator().next().getString("all_columns");
        assertFalse(row.contains("rsk_") || row.contains(key.substring(9, 41)), "no key material is stored: " + row);

        // a refusal holds no secret: it is kept and replayed like any 4xx
        String refusedIdem = UUID.randomUUID().toString();
        String tooMuch = "{\"scopes\":[\"jobs:write\"]}";
        as(rotator).header("Idempotency-Key", refusedIdem).contentType("application/json").body(tooMuch).post("/v1/api-keys")
                .then().statusCode(403).body("type", equalTo(GRANT_EXCEEDS_KEY));
        as(rotator).header("Idempotency-Key", refusedIdem).contentType("application/json").body(tooMuch).post("/v1/api-keys")
                .then().statusCode(403).header("Idempotent-Replayed", "true").body("type", equalTo(GRANT_EXCEEDS_KEY));
    }

    /** lastUsedAt of each of the tenant's keys by hint (null for none yet), as the key {@code lister} lists them. */
    private static Map<String, Instant> lastUses(String lister) {
        Map<String, Instant> found = new HashMap<>();
        for (Map<String, Object> k : Api.keys(lister, "all")) {
            Object at = k.get("lastUsedAt");
            found.put((String) k.get("hint"), at == null ? null : Instant.parse((String) at));
        }
        return found;
    }

    @Test
    void aKeysLastUseIsListedOnceWrittenAndAnOlderUseNeverOverwritesIt() {
        String tenant = Api.tenant("pro");
        String used = Api.key(tenant, "jobs:read");
        String unused = Api.key(tenant, "jobs:read");
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String usedId = Api.keyId(used); // a request of the key
        Map<String, Instant> unwritten = lastUses(used);
        assertEquals(2, unwritten.size());
        assertNull(unwritten.get(ApiKeyHashes.hint(used)), "noted in memory until the next write (%test: every hour): " + unwritten);

        uses.write();
        Map<String, Instant> written = lastUses(used);
        Instant lastUse = written.get(ApiKeyHashes.hint(used));
        assertTrue(lastUse != null && !lastUse.isBefore(before) && !lastUse.isAfter(Instant.now()), "the last use: " + written);
        assertTrue(written.containsKey(ApiKeyHashes.hint(unused)));
        assertNull(written.get(ApiKeyHashes.hint(unused)), "a key that authenticated nothing has no last use: " + written);

        // another replica writing an older use of the key afterwards
        repository.recordLastUses(Map.of(usedId, before.minus(1, ChronoUnit.DAYS))).await().indefinitely();
        assertEquals(lastUse, lastUses(used).get(ApiKeyHashes.hint(used)), "an older use never replaces a later one");
        uses.write();
        assertTrue(lastUse.isBefore(lastUses(used).get(ApiKeyHashes.hint(used))), "a later use does (the listings since)");
    }
}
