package io.realskin.gateway;

import static io.realskin.gateway.Api.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.realskin.contracts.blob.BlobStore;
import io.realskin.gateway.images.ThumbnailWidths;
import io.realskin.local.LocalStackResource;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * GET /v1/images/{id}/thumbnail: only 160, 320 or 640; the caller's own images only; rendered by texture-service
 * (here its stand-in, which reads the blob from the test stack's store as the real one does) once, stored, then
 * answered from the store; deleted with the image's blob; bounded per replica.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
@QuarkusTestResource(StubBackends.class)
class ThumbnailsTest {
    private static final String PROBLEMS = "https://realskin.io/problems/";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    BlobStore blobs;

    @Inject
    MeterRegistry registry;

    @Test
    void aThumbnailIsRenderedOnceStoredAndThenAnsweredFromTheStore() throws Exception {
        String[] tk = Api.tenantAndKey();
        Response uploaded = as(tk[1]).contentType("image/png").body(Api.png(1000, 500)).post("/v1/images");
        String id = uploaded.path("id");
        String sha = uploaded.path("sha256");
        String thumbnailKey = ThumbnailWidths.key("images/" + tk[0] + "/" + sha, 320);
        double rendered = thumbnails("rendered");
        double stored = thumbnails("stored");

        Response first = as(tk[1]).get("/v1/images/" + id + "/thumbnail?width=320");
        first.then().statusCode(200).contentType("image/jpeg")
                .header("Cache-Control", "private, max-age=86400").header("ETag", "\"" + sha + "-320-r3\"");
        BufferedImage small = decode(first.asByteArray());
        assertEquals(320, small.getWidth());
        assertEquals(160, small.getHeight(), "the aspect ratio is kept");
        assertTrue(blobs.exists(thumbnailKey), "the thumbnail is stored beside the image's blob");
        assertEquals(List.of("/texture/thumbnail"), texturePaths(tk[0]), "texture-service rendered it, for the caller's tenant");
        assertEquals(Map.of("scope", "jobs:read"), Map.of("scope", textureTokens(tk[0]).get(0).get("scope")));

        Response second = as(tk[1]).get("/v1/images/" + id + "/thumbnail?width=320");
        second.then().statusCode(200).contentType("image/jpeg").header("ETag", "\"" + sha + "-320-r3\"");
        org.junit.jupiter.api.Assertions.assertArrayEquals(first.asByteArray(), second.asByteArray());
        assertEquals(1, texturePaths(tk[0]).size(), "the second request was answered from the store, not rendered again");
        assertEquals(rendered + 1, thumbnails("rendered"));
        assertEquals(stored + 1, thumbnails("stored"));

        // another width is another thumbnail
        assertEquals(640, decode(as(tk[1]).get("/v1/images/" + id + "/thumbnail?width=640").then().statusCode(200)
                .header("ETag", "\"" + sha + "-640-r3\"").extract().asByteArray()).getWidth());
        assertEquals(2, texturePaths(tk[0]).size());
    }

    @Test
    void anImageNarrowerThanTheWidthIsNeverEnlarged() throws Exception {
        String[] tk = Api.tenantAndKey();
        String id = as(tk[1]).contentType("image/png").body(Api.png(120, 90)).post("/v1/images").path("id");
        BufferedImage small = decode(as(tk[1]).get("/v1/images/" + id + "/thumbnail?width=640").then().statusCode(200).extract().asByteArray());
        assertEquals(120, small.getWidth());
        assertEquals(90, small.getHeight());
    }

    @Test
    void onlyTheFixedWidthsAreTakenAndNothingIsRenderedForAnother() {
        String[] tk = Api.tenantAndKey();
        String id = Api.upload(tk[1]);
        for (String bad : List.of("500", "0", "-160", "wide", "320.0", "1600")) {
            as(tk[1]).get("/v1/images/" + id + "/thumbnail?width=" + bad).then().statusCode(400)
                    .contentType("application/problem+json").body("type", equalTo(PROBLEMS + "invalid-request"))
                    .body("field", equalTo("width")).body("allowedWidths", contains(160, 320, 640))
                    .body("detail", equalTo("width must be one of 160, 320, 640, was '" + bad + "'"));
        }
        as(tk[1]).get("/v1/images/" + id + "/thumbnail").then().statusCode(400).body("detail", equalTo("width must be one of 160, 320, 640, was ''"));
        assertEquals(List.of(), texturePaths(tk[0]), "texture-service was never asked");
    }

    @Test
    void anotherTenantsImageOrAnUnknownIdIs404AndAKeyNeedsJobsRead() {
        String[] owner = Api.tenantAndKey();
        String[] other = Api.tenantAndKey();
        String id = Api.upload(owner[1]);
        as(other[1]).get("/v1/images/" + id + "/thumbnail?width=160").then().statusCode(404)
                .contentType("application/problem+json").body("type", equalTo(PROBLEMS + "not-found"));
        as(other[1]).get("/v1/images/img_doesnotexist000000000000/thumbnail?width=160").then().statusCode(404)
                .contentType("application/problem+json");
        assertEquals(List.of(), texturePaths(other[0]));
        given().get("/v1/images/" + id + "/thumbnail?width=160").then().statusCode(401).contentType("application/problem+json");
        String writeOnly = Api.key(owner[0], "jobs:write");
        as(writeOnly).get("/v1/images/" + id + "/thumbnail?width=160").then().statusCode(403)
                .body("type", equalTo(PROBLEMS + "insufficient-scope")).body("requiredScope", equalTo("jobs:read"));
    }

    @Test
    void deletingTheImageRemovesItsThumbnails() throws Exception {
        String[] tk = Api.tenantAndKey();
        Response uploaded = as(tk[1]).contentType("image/png").body(Api.png(700, 400)).post("/v1/images");
        String id = uploaded.path("id");
        String blobKey = "images/" + tk[0] + "/" + uploaded.path("sha256");
        for (int width : List.of(160, 320, 640)) {
            as(tk[1]).get("/v1/images/" + id + "/thumbnail?width=" + width).then().statusCode(200);
            assertTrue(blobs.exists(ThumbnailWidths.key(blobKey, width)));
        }
        as(tk[1]).delete("/v1/images/" + id).then().statusCode(204);
        assertFalse(blobs.exists(blobKey));
        for (int width : List.of(160, 320, 640)) {
            assertFalse(blobs.exists(ThumbnailWidths.key(blobKey, width)), "no thumbnail outlives its image's blob: " + width);
        }
        as(tk[1]).get("/v1/images/" + id + "/thumbnail?width=320").then().statusCode(404);
    }

    @Test
    void storedBytesThatAreNoImageAreAProblemAndNothingIsStored() throws Exception {
        String[] tk = Api.tenantAndKey();
        Response uploaded = as(tk[1]).contentType("image/png").body(Api.png(77, 55)).post("/v1/images");
        String blobKey = "images/" + tk[0] + "/" + uploaded.path("sha256");
        blobs.delete(blobKey);
        blobs.put(blobKey, "<svg onload=alert(1)> not an image".getBytes());
        as(tk[1]).get("/v1/images/" + uploaded.path("id") + "/thumbnail?width=320").then().statusCode(415)
                .contentType("application/problem+json").body("type", equalTo(PROBLEMS + "unsupported-image"))
                .body("instance", equalTo("/v1/images/" + uploaded.path("id") + "/thumbnail"));
        assertFalse(blobs.exists(ThumbnailWidths.key(blobKey, 320)));
    }

    @Test
    void oneRenderPerThumbnailABoundedNumberAtOnceAndAnotherTenantWaitsItsTurnWhereTheBusyTenantIs503() throws Exception {
        String[] tk = Api.tenantAndKey();
        String[] other = Api.tenantAndKey();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ids.add(as(tk[1]).contentType("image/png").body(Api.png(333, 200 + i)).post("/v1/images").path("id"));
        }
        String fifth = as(tk[1]).contentType("image/png").body(Api.png(400, 300)).post("/v1/images").path("id");
        String sixth = as(tk[1]).contentType("image/png").body(Api.png(401, 300)).post("/v1/images").path("id");
        String othersImage = as(other[1]).contentType("image/png").body(Api.png(402, 300)).post("/v1/images").path("id");
        ExecutorService callers = Executors.newCachedThreadPool();
        double busy = thumbnails("busy");
        double joined = thumbnails("joined");
        List<CompletableFuture<Response>> waiting = new ArrayList<>();
        // three cards of the first image at once, and one each of three more: four renders, each held by the stand-in
        for (int i = 0; i < 3; i++) {
            waiting.add(CompletableFuture.supplyAsync(() -> as(tk[1]).get("/v1/images/" + ids.get(0) + "/thumbnail?width=160"), callers));
        }
        await(() -> Stubs.thumbnailsHeld() == 1, "the first render held");
        for (int i = 1; i < 4; i++) {
            String id = ids.get(i);
            waiting.add(CompletableFuture.supplyAsync(() -> as(tk[1]).get("/v1/images/" + id + "/thumbnail?width=160"), callers));
        }
        await(() -> Stubs.thumbnailsHeld() == 4, "four renders held");
        await(() -> thumbnails("joined") == joined + 2, "the two other requests for the first thumbnail waiting for its render");
        // every render slot of the replica (4) is taken: one more waits for one (the test allows one waiting per tenant)
        waiting.add(CompletableFuture.supplyAsync(() -> as(tk[1]).get("/v1/images/" + fifth + "/thumbnail?width=160"), callers));
        await(() -> rendersWaiting() == 1, "the fifth image's thumbnail waiting for a render slot");
        // the tenant's next is refused at once, texture-service never asked
        as(tk[1]).get("/v1/images/" + sixth + "/thumbnail?width=160").then().statusCode(503)
                .contentType("application/problem+json").header("Retry-After", "1")
                .body("type", equalTo(PROBLEMS + "backend-unavailable"));
        assertEquals(busy + 1, thumbnails("busy"));
        // another tenant's thumbnail is not refused for the first tenant's load: it waits its turn
        CompletableFuture<Response> othersThumbnail = CompletableFuture.supplyAsync(() -> as(other[1]).get("/v1/images/" + othersImage + "/thumbnail?width=160"), callers);
        await(() -> rendersWaiting() == 2, "the other tenant's thumbnail waiting for a render slot");
        Stubs.releaseThumbnails();
        for (CompletableFuture<Response> answer : waiting) {
            answer.get().then().statusCode(200).contentType("image/jpeg");
        }
        othersThumbnail.get().then().statusCode(200).contentType("image/jpeg");
        assertEquals(busy + 1, thumbnails("busy"));
        assertEquals(0, rendersWaiting());
        assertEquals(5, texturePaths(tk[0]).size(), "one render per image: the same thumbnail was never rendered twice at once");
        as(tk[1]).get("/v1/images/" + sixth + "/thumbnail?width=160").then().statusCode(200);
        callers.shutdown();
    }

    private double rendersWaiting() {
        return registry.get("realskin.gateway.image.thumbnail.renders.waiting").gauge().value();
    }

    private double thumbnails(String outcome) {
        return registry.counter("realskin.gateway.image.thumbnails", "outcome", outcome).count();
    }

    private static List<Map<String, Object>> textureTokens(String tenant) {
        return Stubs.tokens().stream().filter(t -> tenant.equals(t.get("sub")) && "texture-service".equals(t.get("aud"))).toList();
    }

    private static List<Object> texturePaths(String tenant) {
        return textureTokens(tenant).stream().map(t -> t.get("path")).toList();
    }

    private static BufferedImage decode(byte[] bytes) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
        assertTrue(image != null, "an image came back");
        return image;
    }

    private static void await(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        Instant until = Instant.now().plus(WAIT);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(until)) {
                throw new AssertionError("not within " + WAIT.toSeconds() + " s: " + what);
            }
            Thread.sleep(50);
        }
    }
}
