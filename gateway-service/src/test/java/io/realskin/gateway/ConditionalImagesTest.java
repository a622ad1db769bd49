package io.realskin.gateway;

import static io.realskin.gateway.Api.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.realskin.contracts.blob.BlobStore;
import io.realskin.gateway.rest.BodyBudget;
import io.realskin.gateway.images.ThumbnailWidths;
import io.realskin.local.LocalStackResource;
import io.realskin.support.problem.ProblemException;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * GET /v1/images/{id}/content and …/thumbnail answer If-None-Match: 304 with the ETag and Cache-Control and no body,
 * decided from the image's row alone (no blob read, no render, nothing taken from the body budget), after the key, the
 * scope and the tenant are checked; a HEAD of the content likewise.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
@QuarkusTestResource(StubBackends.class)
class ConditionalImagesTest {
    private static final String PROBLEMS = "https://realskin.io/problems/";
    private static final String CONTENT_CACHING = "private, max-age=31536000, immutable";
    private static final String THUMBNAIL_CACHING = "private, max-age=86400";

    @Inject
    BodyBudget bodies;

    @Inject
    BlobStore blobs;

    @Test
    void theContentAnswers304ToItsOwnTagAndTheWholeImageToAnyOther() {
        String[] tk = Api.tenantAndKey();
        byte[] png = Api.png(120, 80);
        Stored uploaded = upload(tk[1], png);
        String content = uploaded.content();
        String etag = uploaded.etag();

        Response full = as(tk[1]).get(content);
        full.then().statusCode(200).contentType("image/png").header("ETag", etag).header("Cache-Control", CONTENT_CACHING)
                .header("Vary", "Authorization")
                // an uploaded file is never sniffed into another type (an image that is also HTML or SVG)
                .header("X-Content-Type-Options", "nosniff")
                // a paced (streamed) answer went out without them, while its 304 carried them
                .header("RateLimit", notNullValue()).header("RateLimit-Policy", notNullValue());
        assertArrayEquals(png, full.asByteArray());

        for (String current : List.of(etag, "\"other\", " + etag, "W/" + etag, "\"a\",W/" + etag + " , \"b\"", "*")) {
            Response notModified = as(tk[1]).header("If-None-Match", current).get(content);
            notModified.then().statusCode(304).header("ETag", etag).header("Cache-Control", CONTENT_CACHING).header("Vary", "Authorization");
            assertEquals(0, notModified.asByteArray().length, "no body: " + current);
        }
        for (String other : List.of("\"other\"", "\"" + uploaded.sha256() + "-320-r3\"", "W/\"other\", \"more\"",
                uploaded.sha256(), etag + " junk", "\"unterminated", "*, " + etag, "")) {
            Response answered = as(tk[1]).header("If-None-Match", other).get(content);
            answered.then().statusCode(200).header("ETag", etag);
            assertArrayEquals(png, answered.asByteArray(), "the whole image: " + other);
        }
    }

    @Test
    void anotherTenantsImageIs404AndAKeyWithoutTheScope403WhateverIfNoneMatchSays() {
        String[] owner = Api.tenantAndKey();
        String[] other = Api.tenantAndKey();
        Stored uploaded = upload(owner[1], Api.png(100, 100));
        String id = uploaded.id();
        String sha = uploaded.sha256();
        for (String tag : List.of("\"" + sha + "\"", "*")) {
            as(other[1]).header("If-None-Match", tag).get("/v1/images/" + id + "/content").then().statusCode(404)
                    .body("type", equalTo(PROBLEMS + "not-found"));
        }
        for (String tag : List.of("\"" + sha + "-320-r3\"", "*")) {
            as(other[1]).header("If-None-Match", tag).get("/v1/images/" + id + "/thumbnail?width=320").then().statusCode(404)
                    .body("type", equalTo(PROBLEMS + "not-found"));
        }
        String writeOnly = Api.key(owner[0], "jobs:write");
        as(writeOnly).header("If-None-Match", "*").get("/v1/images/" + id + "/content").then().statusCode(403)
                .body("type", equalTo(PROBLEMS + "insufficient-scope"));
        Api.as("rsk_test_nope").header("If-None-Match", "*").get("/v1/images/" + id + "/content").then().statusCode(401);
        as(owner[1]).header("If-None-Match", "*").get("/v1/images/" + id + "/thumbnail?width=300").then().statusCode(400)
                .body("field", equalTo("width"));
    }

    @Test
    void aThumbnailNotYetRenderedIsNotRenderedForA304AndItsTagDiffersPerWidth() throws Exception {
        String[] tk = Api.tenantAndKey();
        Stored uploaded = upload(tk[1], Api.png(800, 600));
        String id = uploaded.id();
        String sha = uploaded.sha256();
        String blobKey = "images/" + tk[0] + "/" + sha;
        String tag320 = "\"" + sha + "-320-r3\"";

        for (String current : List.of(tag320, "W/" + tag320, "\"x\", " + tag320, "*")) {
            Response notModified = as(tk[1]).header("If-None-Match", current).get("/v1/images/" + id + "/thumbnail?width=320");
            notModified.then().statusCode(304).header("ETag", tag320).header("Cache-Control", THUMBNAIL_CACHING);
            assertEquals(0, notModified.asByteArray().length);
        }
        assertEquals(List.of(), texturePaths(tk[0]), "nothing was rendered for the 304s");
        assertFalse(blobs.exists(ThumbnailWidths.key(blobKey, 320)), "nor stored");

        Response rendered = as(tk[1]).header("If-None-Match", "\"" + sha + "-640-r3\"").get("/v1/images/" + id + "/thumbnail?width=320");
        rendered.then().statusCode(200).contentType("image/jpeg").header("ETag", tag320).header("Cache-Control", THUMBNAIL_CACHING)
                .header("Vary", "Authorization").header("RateLimit", notNullValue()).header("RateLimit-Policy", notNullValue());
        assertTrue(rendered.asByteArray().length > 0);
        assertEquals(1, texturePaths(tk[0]).size(), "another width's tag is another thumbnail's");

        List<String> tags = List.of(160, 320, 640).stream()
                .map(width -> as(tk[1]).get("/v1/images/" + id + "/thumbnail?width=" + width).then().statusCode(200).extract().header("ETag"))
                .toList();
        assertEquals(3, tags.stream().distinct().count(), "one tag per width: " + tags);
        assertNotEquals(tags.get(1), "\"" + sha + "\"", "a thumbnail's tag is not the content's");
        as(tk[1]).header("If-None-Match", "\"" + sha + "\"").get("/v1/images/" + id + "/thumbnail?width=160").then().statusCode(200);
    }

    @Test
    void a304TakesNothingFromTheBodyBudgetNorReadsTheBlob() throws Exception {
        String[] tk = Api.tenantAndKey();
        Stored image = upload(tk[1], Api.png(300, 200));
        String content = image.content();
        String thumbnail = "/v1/images/" + image.id() + "/thumbnail?width=160";
        as(tk[1]).get(thumbnail).then().statusCode(200); // rendered and stored

        Runnable giveBack = wholeShare(tk[0]);
        try {
            as(tk[1]).get(content).then().statusCode(429).body("type", equalTo(PROBLEMS + "too-many-transfers"));
            as(tk[1]).get(thumbnail).then().statusCode(429).body("type", equalTo(PROBLEMS + "too-many-transfers"));
            as(tk[1]).header("If-None-Match", image.etag()).get(content).then().statusCode(304);
            as(tk[1]).header("If-None-Match", "\"" + image.sha256() + "-160-r3\"").get(thumbnail).then().statusCode(304);
        } finally {
            giveBack.run();
        }

        blobs.delete("images/" + tk[0] + "/" + image.sha256()); // the row stays: a 304 never looks for the bytes
        as(tk[1]).header("If-None-Match", image.etag()).get(content).then().statusCode(304);
        as(tk[1]).get(content).then().statusCode(404);
    }

    @Test
    void aHeadAnswersTheHeadersOfTheGetAndHonoursIfNoneMatchToo() throws Exception {
        String[] tk = Api.tenantAndKey();
        byte[] png = Api.png(300, 200);
        Stored image = upload(tk[1], png);
        Response head = as(tk[1]).head(image.content());
        head.then().statusCode(200).contentType("image/png").header("ETag", image.etag()).header("Cache-Control", CONTENT_CACHING)
                .header("Vary", "Authorization").header("Content-Length", String.valueOf(png.length));
        assertEquals(0, head.asByteArray().length);
        as(tk[1]).header("If-None-Match", image.etag()).head(image.content()).then().statusCode(304).header("ETag", image.etag());
        String[] other = Api.tenantAndKey();
        as(other[1]).head(image.content()).then().statusCode(404);

        // the headers come from the image's row: nothing is taken from the body budget, the blob store is not read
        Runnable giveBack = wholeShare(tk[0]);
        try {
            as(tk[1]).get(image.content()).then().statusCode(429);
            as(tk[1]).head(image.content()).then().statusCode(200).header("Content-Length", String.valueOf(png.length));
        } finally {
            giveBack.run();
        }
        blobs.delete("images/" + tk[0] + "/" + image.sha256());
        as(tk[1]).head(image.content()).then().statusCode(200).header("ETag", image.etag());
        as(tk[1]).get(image.content()).then().statusCode(404);
    }

    @Test
    void theOpenApiDocumentShowsThe304AndIfNoneMatch() {
        for (String route : List.of("/v1/images/{id}/content", "/v1/images/{id}/thumbnail")) {
            given().accept("application/json").get("/q/openapi").then().statusCode(200)
                    .body("paths.'" + route + "'.get.responses.'304'.headers.ETag", notNullValue())
                    .body("paths.'" + route + "'.get.responses.'304'.headers.'Cache-Control'", notNullValue())
                    .body("paths.'" + route + "'.get.responses.'200'.headers.ETag", notNullValue())
                    .body("paths.'" + route + "'.get.parameters.find { it.name == 'If-None-Match' }.in", equalTo("header"));
        }
    }

    private record Stored(String id, String sha256) {
        String content() {
            return "/v1/images/" + id + "/content";
        }

        String etag() {
            return "\"" + sha256 + "\"";
        }
    }

    private static Stored upload(String key, byte[] png) {
        Response uploaded = as(key).contentType("image/png").body(png).post("/v1/images");
        uploaded.then().statusCode(201);
        return new Stored(uploaded.path("id"), uploaded.path("sha256"));
    }

    /** The tenant's whole share of the body budget on this replica, once its last answer's bytes are back. */
    private Runnable wholeShare(String tenant) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            try {
                return bodies.take(tenant, 64L * 1024 * 1024);
            } catch (ProblemException stillHeld) {
                if (System.nanoTime() > deadline) {
                    throw stillHeld;
                }
                Thread.sleep(50);
            }
        }
    }

    private static List<Object> texturePaths(String tenant) {
        return Stubs.tokens().stream().filter(t -> tenant.equals(t.get("sub")) && "texture-service".equals(t.get("aud")))
                .map(t -> t.get("path")).toList();
    }
}
