package io.realskin.gateway;

import static io.realskin.gateway.Api.as;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.realskin.local.LocalStackResource;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** GET /v1/images: the tenant's images newest first, paged by cursor, with what it stores against its quota. */
@QuarkusTest
@QuarkusTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
@QuarkusTestResource(StubBackends.class)
class ImageListTest {
    /** The default realskin.images.max-bytes-per-tenant, 10 GiB. */
    private static final long LIMIT = 10L * 1024 * 1024 * 1024;

    @Test
    void theTenantsImagesComeNewestFirstPageByPageWithItsUsage() {
        String[] tk = Api.tenantAndKey();
        List<String> uploaded = new ArrayList<>();
        long bytes = 0;
        for (int i = 0; i < 5; i++) {
            JsonPath image = as(tk[1]).contentType("image/png").body(Api.png(20 + i, 10)).post("/v1/images").then().statusCode(201)
                    .extract().jsonPath();
            uploaded.add(image.getString("id"));
            bytes += image.getLong("bytes");
        }
        Collections.reverse(uploaded);

        List<String> listed = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = as(tk[1]).queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/v1/images").then().statusCode(200)
                    .body("usage.usedBytes", equalTo((int) bytes)).body("usage.images", equalTo(5))
                    .body("usage.limitBytes", equalTo(LIMIT)).extract().jsonPath();
            listed.addAll(page.getList("items.id"));
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null && pages < 10);
        assertEquals(uploaded, listed, "newest first, each once");
        assertEquals(3, pages, "2 + 2 + 1: the last page, not full, has no cursor");

        as(tk[1]).get("/v1/images").then().statusCode(200).body("items", hasSize(5))
                .body("items[0].url", equalTo("/v1/images/" + uploaded.get(0) + "/content"))
                .body("items[0].sha256", notNullValue());
    }

    @Test
    void aDeletedImageLeavesTheListAndItsBytesTheUsage() {
        String[] tk = Api.tenantAndKey();
        JsonPath kept = as(tk[1]).contentType("image/png").body(Api.png(30, 20)).post("/v1/images").then().extract().jsonPath();
        String gone = as(tk[1]).contentType("image/png").body(Api.png(31, 20)).post("/v1/images").then().extract().path("id");
        as(tk[1]).delete("/v1/images/" + gone).then().statusCode(204);
        as(tk[1]).get("/v1/images").then().statusCode(200).body("items.id", equalTo(List.of(kept.getString("id"))))
                .body("usage.usedBytes", equalTo(kept.getInt("bytes"))).body("usage.images", equalTo(1))
                .body("nextCursor", equalTo(null));
    }

    @Test
    void anotherTenantSeesNoneOfThemAndAReadKeyMayList() {
        String[] owner = Api.tenantAndKey();
        Api.upload(owner[1]);
        String[] other = Api.tenantAndKey();
        as(other[1]).get("/v1/images").then().statusCode(200).body("items", empty())
                .body("usage.usedBytes", equalTo(0)).body("usage.images", equalTo(0));
        as(Api.key(owner[0], "jobs:read")).get("/v1/images").then().statusCode(200).body("items", hasSize(1));
    }

    /**
     * Each image records the API key that made it (createdBy: the uploader, raw or multipart), and the listing filters by
     * it across pages, its usage still the tenant's whole; a key of another tenant matches nothing, an id that cannot be
     * one is 400 naming createdBy. Before, no image said which key made it and createdBy was ignored.
     */
    @Test
    void imagesRecordTheKeyThatMadeThemAndAreListedByIt() {
        Api.TwoKeys keys = Api.twoKeys();
        String aId = keys.aId();
        String[] other = Api.tenantAndKey();
        List<String> ofA = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ofA.add(Api.upload(keys.a()));
        }
        String ofB = as(keys.b()).multiPart("file", "b.png", Api.png(24, 12), "image/png").post("/v1/images").then().statusCode(201)
                .body("createdBy", equalTo(keys.bId())).extract().path("id");
        as(keys.b()).get("/v1/images/" + ofA.get(0)).then().statusCode(200).body("createdBy", equalTo(aId));
        Collections.reverse(ofA);

        List<String> listed = new ArrayList<>();
        String cursor = null;
        do {
            var request = as(keys.a()).queryParam("createdBy", aId).queryParam("limit", 2);
            JsonPath page = (cursor == null ? request : request.queryParam("cursor", cursor)).get("/v1/images").then().statusCode(200)
                    .body("usage.images", equalTo(4)).extract().jsonPath();
            listed.addAll(page.getList("items.id"));
            page.getList("items.createdBy").forEach(by -> assertEquals(aId, by));
            cursor = page.getString("nextCursor");
        } while (cursor != null && listed.size() < 10);
        assertEquals(ofA, listed, "A's, newest first, each once");
        as(keys.a()).queryParam("createdBy", keys.bId()).get("/v1/images").then().statusCode(200)
                .body("items.id", equalTo(List.of(ofB)));
        as(keys.a()).queryParam("createdBy", Api.keyId(other[1])).get("/v1/images").then().statusCode(200).body("items", empty());
        as(other[1]).queryParam("createdBy", aId).get("/v1/images").then().statusCode(200).body("items", empty());
        as(keys.a()).queryParam("createdBy", "key_not one").get("/v1/images").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("createdBy"));
    }

    @Test
    void aBadCursorOrLimitIs400() {
        String key = Api.tenantAndKey()[1];
        as(key).queryParam("cursor", "not-ours").get("/v1/images").then().statusCode(400)
                .body("type", equalTo("https://realskin.io/problems/invalid-request"));
        as(key).queryParam("limit", 0).get("/v1/images").then().statusCode(400);
        as(key).queryParam("limit", 101).get("/v1/images").then().statusCode(400);
    }
}
