package io.realskin.gateway;

import static io.realskin.gateway.Api.as;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.realskin.local.LocalStackResource;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A revocation makes this replica's auth cache forget the keys it revoked and nothing else: another tenant's cached keys
 * stay cached, and a DELETE that revokes nothing (the key was revoked already) forgets nothing, however often it is
 * repeated. Read from {@code realskin_gateway_auth_cache_evicted_total}, the entries forgotten before their time; an
 * entry stays in the cache after its TTL until it is read again, so none of this depends on timing.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
@QuarkusTestResource(StubBackends.class)
class KeyRevocationCacheTest {
    @Inject
    MeterRegistry registry;

    private double evicted() {
        return registry.counter("realskin.gateway.auth.cache.evicted").count();
    }

    /** Looked up (and so cached) by a request of its own. */
    private static String used(String key) {
        as(key).get("/v1/jobs").then().statusCode(200);
        return key;
    }

    @Test
    void aRevocationForgetsOnlyTheRevokedKeyAndARepeatedOneForgetsNothing() {
        used(Api.key(Api.tenant("pro"), "jobs:read"));
        String tenant = Api.tenant("pro");
        String manager = used(Api.key(tenant, "jobs:read", "keys:write"));
        String bystander = used(Api.key(tenant, "jobs:read"));
        String doomed = used(Api.key(tenant, "jobs:read"));
        String doomedId = Api.keyId(doomed);

        double before = evicted();
        as(manager).delete("/v1/api-keys/" + doomedId).then().statusCode(204);
        assertEquals(before + 1, evicted(), "the revoked key's entry, and no other, is forgotten");
        as(doomed).get("/v1/jobs").then().statusCode(401);

        for (int i = 0; i < 5; i++) {
            as(manager).delete("/v1/api-keys/" + doomedId).then().statusCode(204);
            Api.admin().delete("/v1/admin/api-keys/" + doomedId).then().statusCode(204);
        }
        assertEquals(before + 1, evicted(), "revoking a revoked key again forgets nothing");
        used(bystander);
    }

    @Test
    void aRevocationWithDescendantsForgetsTheKeysItRevokedAndARepeatedOneNothing() {
        used(Api.key(Api.tenant("pro"), "jobs:read"));
        String tenant = Api.tenant("pro");
        String responder = used(Api.key(tenant, "jobs:read", "keys:write"));
        String leaked = used(Api.key(tenant, "jobs:read", "keys:write"));
        String child = made(leaked, "[\"jobs:read\",\"keys:write\"]");
        String grandchild = made(child, "[\"jobs:read\"]");
        List<String> ids = List.of(Api.keyId(leaked), Api.keyId(child), Api.keyId(grandchild));

        double before = evicted();
        as(responder).delete("/v1/api-keys/" + ids.get(0) + "?descendants=true").then().statusCode(200)
                .body("revoked", containsInAnyOrder(ids.toArray()));
        assertEquals(before + 3, evicted(), "the three revoked keys' entries, and no other, are forgotten");
        as(grandchild).get("/v1/jobs").then().statusCode(401);

        as(responder).delete("/v1/api-keys/" + ids.get(0) + "?descendants=true").then().statusCode(200).body("revoked", empty());
        Api.admin().delete("/v1/admin/api-keys/" + ids.get(0) + "?descendants=true").then().statusCode(200).body("revoked", empty());
        assertEquals(before + 3, evicted(), "a revocation that revoked nothing forgets nothing");
    }

    /** A key made by {@code maker} with these scopes, used once. */
    private static String made(String maker, String scopes) {
        return used(as(maker).contentType("application/json").body("{\"scopes\":" + scopes + "}").post("/v1/api-keys").then()
                .statusCode(201).extract().path("key"));
    }
}
