package io.realskin.gateway;

import static io.realskin.gateway.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.realskin.local.LocalStackResource;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /v1/api-keys} is paged, newest first by (createdAt, id), so that keys a tenant made and revoked, which are
 * kept for the lineage, never make one answer large: every key once across the pages, filtered by state.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
@QuarkusTestResource(StubBackends.class)
class KeyPagesTest {
    private static final String INVALID = "https://realskin.io/problems/invalid-request";
    private static final Duration DB = Duration.ofSeconds(10);

    @Inject
    Pool pool;

    @Test
    void everyKeyIsOnExactlyOnePageNewestFirstAndTheStateFilterSplitsThem() {
        String tenant = Api.tenant("pro");
        String reader = Api.key(tenant, "jobs:read");
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            made.add(Api.keyId(Api.key(tenant, "jobs:read")));
        }
        for (int i = 0; i < 24; i += 3) {
            Api.admin().delete("/v1/admin/api-keys/" + made.get(i)).then().statusCode(204);
        }
        sql("update api_keys set expires_at = now() - interval '1 second' where id = any($1)",
                Tuple.of(new String[] {made.get(1), made.get(4)}));
        // several keys made in the same instant: the id orders them, and the cursor keeps them apart
        sql("update api_keys set created_at = (select created_at from api_keys where id = $1) where id = any($2)",
                Tuple.of(made.get(10), new String[] {made.get(11), made.get(12), made.get(13), made.get(14)}));

        List<String> all = ids(tenant, "");
        List<String> active = ids(tenant, " and revoked_at is null and (expires_at is null or expires_at > now())");
        List<String> inactive = ids(tenant, " and (revoked_at is not null or expires_at <= now())");
        assertEquals(25, all.size());
        assertEquals(10, inactive.size());
        assertEquals(all, listed(reader, "all", 7));
        assertEquals(active, listed(reader, "active", 4));
        assertEquals(inactive, listed(reader, "inactive", 3));
        assertEquals(all, listed(reader, "all", 100));
        List<String> split = new ArrayList<>(active);
        split.addAll(inactive);
        assertEquals(all.size(), split.size());
        assertEquals(new HashSet<>(all), new HashSet<>(split), "each key is active or inactive, never both");
        Api.keys(reader, "active").forEach(k -> assertNull(k.get("revokedAt"), k.toString()));
        assertTrue(Api.keys(reader, "inactive").stream().map(k -> (String) k.get("id")).toList().containsAll(List.of(made.get(1), made.get(4))),
                "expired keys are inactive");

        // the default: every state, 20 a page
        JsonPath first = as(reader).get("/v1/api-keys").then().statusCode(200).body("items", hasSize(20))
                .body("nextCursor", notNullValue()).extract().jsonPath();
        assertEquals(all.subList(0, 20), first.getList("items.id"));
        // a key made after the first page was read is newer than every cursor: the next pages go on where they were
        Api.key(tenant, "jobs:read");
        as(reader).queryParam("cursor", first.getString("nextCursor")).get("/v1/api-keys").then().statusCode(200)
                .body("items.id", equalTo(all.subList(20, 25))).body("nextCursor", equalTo(null));
    }

    @Test
    void anotherTenantsKeysAreNeverListed() {
        String tenant = Api.tenant("pro");
        String reader = Api.key(tenant, "jobs:read");
        Api.key(Api.tenant("pro"), "jobs:read");
        assertEquals(List.of(Api.keyId(reader)), listed(reader, "all", 100));
    }

    @Test
    void aStateLimitOrCursorNotOneOfOursIs400() {
        String reader = Api.key(Api.tenant("pro"), "jobs:read");
        for (String state : List.of("revoked", "ACTIVE", " active")) {
            as(reader).queryParam("state", state).get("/v1/api-keys").then().statusCode(400).contentType("application/problem+json")
                    .body("type", equalTo(INVALID)).body("detail", containsString("state must be one of active, inactive, all"));
        }
        for (String limit : List.of("0", "101", "ten", "-1")) {
            as(reader).queryParam("limit", limit).get("/v1/api-keys").then().statusCode(400).body("type", equalTo(INVALID))
                    .body("detail", containsString("limit"));
        }
        for (String cursor : List.of("not-a-cursor", "bm90IGEgY3Vyc29y")) {
            as(reader).queryParam("cursor", cursor).get("/v1/api-keys").then().statusCode(400).body("type", equalTo(INVALID))
                    .body("detail", containsString("cursor"));
        }
    }

    /** The ids of the tenant's keys (meeting {@code condition}) as the table orders them: newest first, then by id. */
    private List<String> ids(String tenant, String condition) {
        return StreamSupport.stream(pool.preparedQuery("select id from api_keys where tenant_id = $1" + condition
                        + " order by created_at desc, id desc").execute(Tuple.of(tenant)).await().atMost(DB).spliterator(), false)
                .map(row -> row.getString("id")).toList();
    }

    /** Every id across the pages, in page order; each page but the last full. */
    private static List<String> listed(String reader, String state, int limit) {
        List<JsonPath> pages = Api.keyPages(reader, state, limit);
        for (JsonPath page : pages.subList(0, pages.size() - 1)) {
            assertEquals(limit, page.getList("items").size());
        }
        assertTrue(pages.get(pages.size() - 1).getList("items").size() <= limit);
        return pages.stream().flatMap(page -> page.<String>getList("items.id").stream()).toList();
    }

    private void sql(String statement, Tuple params) {
        pool.preparedQuery(statement).execute(params).await().atMost(DB);
    }
}
