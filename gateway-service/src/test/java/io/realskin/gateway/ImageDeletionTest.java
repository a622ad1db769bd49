package io.realskin.gateway;

import static io.realskin.gateway.Api.as;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.micrometer.core.instrument.MeterRegistry;
import io.realskin.contracts.blob.BlobStore;
import io.realskin.gateway.images.UnusedUploadSweep;
import io.realskin.local.LocalStack;
import io.realskin.local.LocalStackResource;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * DELETE /v1/images/{id}: the row goes, the blob with the last row naming it; another tenant's image is 404; an image an
 * unfinished job needs is 409 image-in-use, and no job is ever accepted for an image whose deletion succeeded.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
@QuarkusTestResource(StubBackends.class)
class ImageDeletionTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String IN_USE = "https://realskin.io/problems/image-in-use";
    private static final String NOT_FOUND = "https://realskin.io/problems/not-found";

    @Inject
    BlobStore blobs;

    @Inject
    MeterRegistry registry;

    @Inject
    UnusedUploadSweep unusedUploads;

    @Test
    void aDeletedImageIsGoneWithItsContentAndAnalysis() throws Exception {
        String[] tk = Api.tenantAndKey();
        Response uploaded = as(tk[1]).contentType("image/png").body(Api.png(40, 30)).post("/v1/images");
        String id = uploaded.path("id");
        String blobKey = "images/" + tk[0] + "/" + uploaded.path("sha256");
        assertTrue(blobs.exists(blobKey));

        as(tk[1]).delete("/v1/images/" + id).then().statusCode(204);

        as(tk[1]).get("/v1/images/" + id).then().statusCode(404).body("type", equalTo(NOT_FOUND));
        as(tk[1]).get("/v1/images/" + id + "/content").then().statusCode(404);
        as(tk[1]).get("/v1/images/" + id + "/analysis").then().statusCode(404);
        as(tk[1]).delete("/v1/images/" + id).then().statusCode(404);
        assertFalse(blobs.exists(blobKey), "the only image of these bytes took its blob with it");
    }

    /**
     * An upload meant for one job (the Studio's mask) is sent with expireUnused=true: if no job names it before
     * realskin.images.unused-upload-lifetime, the unused-upload sweep deletes it, row and blob. Before, a mask whose job
     * never came (the Studio forgot it a day after a reload cut its send, or the tab closed) stayed stored for good.
     * One a job named stays (a texture job's mask, a generate job's reference), as does an upload sent without the flag.
     */
    @Test
    void anUploadSentForAJobThatNoJobUsedIsDeletedByTheSweep() throws Exception {
        String[] tk = Api.tenantAndKey();
        as(tk[1]).queryParam("expireUnused", "yes").contentType("image/png").body(Api.png(10, 10)).post("/v1/images").then()
                .statusCode(400).body("field", equalTo("expireUnused"));
        Response orphan = as(tk[1]).contentType("image/png").queryParam("expireUnused", "true").body(Api.mask(64, 48, 20))
                .post("/v1/images");
        orphan.then().statusCode(201);
        String image = Api.upload(tk[1]);
        String used = as(tk[1]).contentType("image/png").queryParam("expireUnused", "true").body(Api.mask(64, 48, 64))
                .post("/v1/images").then().statusCode(201).extract().path("id");
        String kept = as(tk[1]).contentType("image/png").body(Api.mask(64, 48, 30)).post("/v1/images").then().statusCode(201)
                .extract().path("id");
        // the Studio's Generate form sends its reference photo so too: a generate job naming it keeps it
        String reference = as(tk[1]).contentType("image/png").queryParam("expireUnused", "true").body(Api.png(33, 21))
                .post("/v1/images").then().statusCode(201).extract().path("id");
        String generation = as(tk[1]).contentType("application/json")
                .body("{\"type\":\"generate\",\"prompt\":\"a portrait\",\"enhancePrompt\":false,\"consent\":true,"
                        + "\"referenceImages\":[{\"imageId\":\"" + reference + "\",\"weight\":0.5}]}")
                .post("/v1/jobs").then().statusCode(202).extract().path("id");
        String job = as(tk[1]).contentType("application/json")
                .body("{\"type\":\"texture-restore\",\"imageId\":\"" + image + "\",\"maskImageId\":\"" + used + "\"}")
                .post("/v1/jobs").then().statusCode(202).extract().path("id");
        try (Connection c = LocalStack.shared().postgres().connect("gateway")) {
            // as if the lifetime had passed for every upload of the tenant
            Sql.execute(c, "update images set unused_until = now() - interval '1 second' where tenant_id = ? and unused_until is not null", tk[0]);
        }

        unusedUploads.sweep();

        as(tk[1]).get("/v1/images/" + orphan.path("id")).then().statusCode(404);
        assertFalse(blobs.exists("images/" + tk[0] + "/" + orphan.path("sha256")), "its blob went with it");
        as(tk[1]).get("/v1/images/" + used).then().statusCode(200);
        as(tk[1]).get("/v1/images/" + kept).then().statusCode(200);
        as(tk[1]).get("/v1/images/" + image).then().statusCode(200);
        as(tk[1]).get("/v1/jobs/" + job).then().statusCode(200);
        as(tk[1]).get("/v1/images/" + reference).then().statusCode(200);
        as(tk[1]).get("/v1/jobs/" + generation).then().statusCode(200);
    }

    @Test
    void theBlobGoesWithTheLastImageOfItsBytes() throws Exception {
        String[] tk = Api.tenantAndKey();
        byte[] png = Api.png(41, 30);
        Response first = as(tk[1]).contentType("image/png").body(png).post("/v1/images");
        Response second = as(tk[1]).contentType("image/png").body(png).post("/v1/images");
        String blobKey = "images/" + tk[0] + "/" + first.path("sha256");
        assertEquals((String) first.path("sha256"), second.path("sha256"));

        as(tk[1]).delete("/v1/images/" + first.path("id")).then().statusCode(204);
        assertTrue(blobs.exists(blobKey), "the second image still holds these bytes");
        byte[] back = as(tk[1]).get("/v1/images/" + second.path("id") + "/content").then().statusCode(200).extract().asByteArray();
        org.junit.jupiter.api.Assertions.assertArrayEquals(png, back);

        as(tk[1]).delete("/v1/images/" + second.path("id")).then().statusCode(204);
        assertFalse(blobs.exists(blobKey));

        // uploaded again after that: stored anew
        String third = as(tk[1]).contentType("image/png").body(png).post("/v1/images").then().statusCode(201).extract().path("id");
        assertTrue(blobs.exists(blobKey));
        as(tk[1]).get("/v1/images/" + third + "/content").then().statusCode(200);
    }

    @Test
    void anotherTenantsImageOrAnUnknownIdIs404AndStays() throws Exception {
        String[] owner = Api.tenantAndKey();
        String[] other = Api.tenantAndKey();
        String id = Api.upload(owner[1]);
        as(other[1]).delete("/v1/images/" + id).then().statusCode(404).body("type", equalTo(NOT_FOUND));
        as(other[1]).delete("/v1/images/img_doesNotExist0000000").then().statusCode(404);
        as(other[1]).delete("/v1/images/not..an-id").then().statusCode(404);
        as(owner[1]).get("/v1/images/" + id + "/content").then().statusCode(200);
    }

    @Test
    void aReadOnlyKeyCannotDelete() {
        String[] tk = Api.tenantAndKey();
        String id = Api.upload(tk[1]);
        as(Api.key(tk[0], "jobs:read")).delete("/v1/images/" + id).then().statusCode(403)
                .body("requiredScope", equalTo("jobs:write"));
        as(tk[1]).get("/v1/images/" + id).then().statusCode(200);
    }

    @Test
    void anImageAnUnfinishedJobNeedsIs409UntilTheJobHasEnded() {
        String[] tk = Api.tenantAndKey();
        String image = Api.upload(tk[1]);
        String mask = Api.uploadMask(tk[1]);
        String plain = Api.submitTexture(tk[1], image);
        String masked = as(tk[1]).contentType("application/json")
                .body("{\"type\":\"texture-restore\",\"imageId\":\"" + image + "\",\"maskImageId\":\"" + mask + "\"}")
                .post("/v1/jobs").then().statusCode(202).extract().path("id");

        double refused = registry.counter("realskin.gateway.images.refused", "reason", "image-in-use").count();
        double deleted = registry.counter("realskin.gateway.images.deleted").count();
        as(tk[1]).delete("/v1/images/" + image).then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo(IN_USE)).body("jobIds", contains(plain, masked));
        as(tk[1]).delete("/v1/images/" + mask).then().statusCode(409).body("jobIds", contains(masked));

        Events.completed(tk[0], plain, null, 64, 48, "{\"plasticScore\":0.5}");
        as(tk[1]).post("/v1/jobs/" + masked + "/cancel").then().statusCode(200);
        Api.awaitJobStatus(tk[1], plain, "completed", WAIT);

        as(tk[1]).delete("/v1/images/" + image).then().statusCode(204);
        as(tk[1]).delete("/v1/images/" + mask).then().statusCode(204);
        assertEquals(refused + 2, registry.counter("realskin.gateway.images.refused", "reason", "image-in-use").count());
        assertEquals(deleted + 2, registry.counter("realskin.gateway.images.deleted").count());
        as(tk[1]).get("/v1/jobs/" + plain).then().statusCode(200).body("status", equalTo("completed"))
                .body("request.imageId", equalTo(image));
        as(tk[1]).get("/v1/jobs/" + masked).then().statusCode(200).body("status", equalTo("canceled"));
    }

    @Test
    void aGenerateJobsReferenceImagesAreInUse() {
        String[] tk = Api.tenantAndKey();
        String face = Api.upload(tk[1]);
        String job = as(tk[1]).contentType("application/json")
                .body("{\"type\":\"generate\",\"prompt\":\"a portrait\",\"enhancePrompt\":false,\"consent\":true,"
                        + "\"referenceImages\":[{\"imageId\":\"" + face + "\",\"weight\":0.5}]}")
                .post("/v1/jobs").then().statusCode(202).extract().path("id");
        as(tk[1]).delete("/v1/images/" + face).then().statusCode(409).body("jobIds", contains(job));
    }

    @Test
    void aJobResultImageIsDeletedWithItsBlob() throws Exception {
        String[] tk = Api.tenantAndKey();
        String image = Api.upload(tk[1]);
        String job = Api.submitTexture(tk[1], image);
        String resultKey = "results/" + tk[0] + "/" + java.util.UUID.randomUUID() + ".png";
        blobs.put(resultKey, Api.png(64, 48));
        Events.restored(tk[0], job, resultKey, 64, 48);
        String result = Api.awaitJobStatus(tk[1], job, "completed", WAIT).getString("result.imageId");

        as(tk[1]).delete("/v1/images/" + result).then().statusCode(204);
        assertFalse(blobs.exists(resultKey));
        as(tk[1]).get("/v1/jobs/" + job).then().statusCode(200).body("result.imageId", equalTo(result));
        as(tk[1]).get("/v1/images/" + result).then().statusCode(404);
    }

    @Test
    void aRetriedDeleteWithItsIdempotencyKeyAnswersTheFirstAnswer() {
        String[] tk = Api.tenantAndKey();
        String id = Api.upload(tk[1]);
        as(tk[1]).header("Idempotency-Key", "del-" + id).delete("/v1/images/" + id).then().statusCode(204);
        as(tk[1]).header("Idempotency-Key", "del-" + id).delete("/v1/images/" + id).then().statusCode(204)
                .header("Idempotent-Replayed", "true");
        as(tk[1]).delete("/v1/images/" + id).then().statusCode(404);
    }

    /**
     * A deletion that commits while a submit's transaction waits for the image: the job is refused (404) and never
     * written. The test's own transaction plays the deletion: it locks the row as DELETE does, lets the submit reach the
     * lock, then deletes the row and commits.
     */
    @Test
    void aSubmitWaitingOnADeletionThatSucceedsIsRefusedAndWritesNoJob() throws Exception {
        String[] tk = Api.tenantAndKey();
        String image = Api.upload(tk[1]);
        CompletableFuture<Response> submit;
        try (Connection c = LocalStack.shared().postgres().connect("gateway")) {
            c.setAutoCommit(false);
            Sql.execute(c, "select id from images where id = ? for update", image);
            submit = CompletableFuture.supplyAsync(() -> as(tk[1]).contentType("application/json")
                    .body("{\"type\":\"texture-restore\",\"imageId\":\"" + image + "\"}").post("/v1/jobs"));
            Sql.awaitWaitingOnALock("%for key share%", WAIT);
            Sql.execute(c, "delete from images where id = ?", image);
            c.commit();
        }
        Response answer = submit.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        answer.then().statusCode(404).body("type", equalTo(NOT_FOUND));
        try (Connection c = LocalStack.shared().postgres().connect("gateway")) {
            assertEquals(0, Sql.count(c, "select count(*) from jobs where tenant_id = ?", tk[0]), "no job for a deleted image");
        }
    }

    /**
     * A submit that commits while a deletion waits for the image: the deletion sees the job and is refused. The test's
     * transaction plays the submit: it locks the image as a job's transaction does and writes a queued job naming it.
     */
    @Test
    void aDeletionWaitingOnASubmitThatSucceedsIsRefusedWithTheJob() throws Exception {
        String[] tk = Api.tenantAndKey();
        String image = Api.upload(tk[1]);
        String job = "job_race" + image.substring(4, 16);
        CompletableFuture<Response> deletion;
        try (Connection c = LocalStack.shared().postgres().connect("gateway")) {
            c.setAutoCommit(false);
            Sql.execute(c, "select id from images where id = ? for key share", image);
            Sql.execute(c, "insert into jobs (id, tenant_id, type, status, request) values (?, ?, 'texture-restore', 'queued', "
                    + "jsonb_build_object('type', 'texture-restore', 'imageId', ?::text))", job, tk[0], image);
            deletion = CompletableFuture.supplyAsync(() -> as(tk[1]).delete("/v1/images/" + image));
            Sql.awaitWaitingOnALock("% images where id = $1 and tenant_id = $2 for update%", WAIT);
            c.commit();
        }
        deletion.get(WAIT.toSeconds(), TimeUnit.SECONDS).then().statusCode(409).body("jobIds", containsInAnyOrder(job));
        as(tk[1]).get("/v1/images/" + image).then().statusCode(200);
    }
}
