package io.realskin.gateway;

import static io.realskin.gateway.Api.as;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.realskin.contracts.EventJson;
import io.realskin.contracts.Topics;
import io.realskin.contracts.blob.BlobKeys;
import io.realskin.contracts.blob.BlobStore;
import io.realskin.local.LocalStack;
import io.realskin.local.LocalStackResource;
import io.realskin.support.problem.ProblemTypes;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * POST/GET/DELETE /v1/texture-profiles: a profile is made by texture-service from one of the tenant's images, kept as
 * a document after the photo is deleted, named by texture-restore jobs as profileId, and protected while they run.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
@QuarkusTestResource(StubBackends.class)
class TextureProfilesTest {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String INVALID = "https://realskin.io/problems/invalid-request";
    private static final String NOT_FOUND = "https://realskin.io/problems/not-found";

    @Inject
    BlobStore blobs;

    @Test
    void aProfileIsMadeFromAnImageAndReadBack() throws Exception {
        String[] tk = Api.tenantAndKey();
        String image = Api.upload(tk[1]);
        Response made = create(tk[1], image, "\"studio light\"");
        made.then().statusCode(201).contentType("application/json")
                .header("Location", equalTo("/v1/texture-profiles/" + made.path("id")))
                .body("id", org.hamcrest.Matchers.startsWith("prf_")).body("name", equalTo("studio light"))
                .body("sourceImageId", equalTo(image)).body("createdBy", equalTo(Api.keyId(tk[1])))
                .body("createdAt", notNullValue()).body("profile.version", equalTo(1)).body("profile.faces", equalTo(1))
                .body("profile.radialSpectrum.size()", equalTo(16)).body("profile.noiseVsLuminance.size()", equalTo(8));
        String id = made.path("id");

        as(tk[1]).get("/v1/texture-profiles/" + id).then().statusCode(200).body("id", equalTo(id))
                .body("createdAt", equalTo((String) made.path("createdAt")))
                .body("profile.fineOverContrast", equalTo(made.jsonPath().getFloat("profile.fineOverContrast")));
        String blobKey = blobKey(id);
        byte[] stored = blobs.get(blobKey).orElseThrow();
        assertEquals("profiles/" + tk[0] + "/" + BlobKeys.sha256Hex(stored), blobKey, "the document's SHA-256 names its blob");
        assertEquals(EventJson.MAPPER.readTree(made.asString()).get("profile"), EventJson.MAPPER.readTree(stored));
        assertFalse(new String(stored, java.nio.charset.StandardCharsets.UTF_8).contains("\n"), "stored compact");
    }

    @Test
    void consentNameAndImageAreChecked() {
        String[] tk = Api.tenantAndKey();
        String image = Api.upload(tk[1]);
        for (String consent : List.of("", ",\"consent\":false", ",\"consent\":null")) {
            as(tk[1]).contentType("application/json").body("{\"imageId\":\"" + image + "\"" + consent + "}")
                    .post("/v1/texture-profiles").then().statusCode(400).contentType("application/problem+json")
                    .body("type", equalTo(INVALID)).body("detail", containsString("consent"));
        }
        as(tk[1]).contentType("application/json").body("{\"consent\":true}").post("/v1/texture-profiles")
                .then().statusCode(400).body("detail", containsString("imageId"));
        as(tk[1]).contentType("application/json").body("{\"imageId\":\"" + image + "\",\"consent\":true,\"name\":\"" + "n".repeat(101) + "\"}")
                .post("/v1/texture-profiles").then().statusCode(400).body("detail", containsString("name"));
        as(tk[1]).contentType("application/json").body("{\"imageId\":\"" + image + "\",\"consent\":true,\"name\":\"a\\u0000b\"}")
                .post("/v1/texture-profiles").then().statusCode(400).body("type", equalTo(INVALID));
        create(tk[1], image, "\"" + "n".repeat(100) + "\"").then().statusCode(201);
        for (String blank : List.of("\"\"", "\" \\t \"")) { // the name is optional: a blank one is none, not a blank in the list
            String made = create(tk[1], image, blank).then().statusCode(201).body("name", equalTo(null)).extract().path("id");
            as(tk[1]).get("/v1/texture-profiles/" + made).then().statusCode(200).body("name", equalTo(null));
        }

        String[] other = Api.tenantAndKey();
        create(other[1], image, null).then().statusCode(404).body("type", equalTo(NOT_FOUND)).body("detail", containsString("image"));
        create(other[1], "img_doesNotExist0000000", null).then().statusCode(404);
        as(Api.key(tk[0], "jobs:read")).contentType("application/json").body("{\"imageId\":\"" + image + "\",\"consent\":true}")
                .post("/v1/texture-profiles").then().statusCode(403).body("requiredScope", equalTo("jobs:write"));
    }

    @Test
    void aPhotoWithoutAFaceIsTextureServices422() throws Exception {
        String[] tk = Api.tenantAndKey();
        String faceless = as(tk[1]).contentType("image/png").body(Api.png(222, 40)).post("/v1/images").then().statusCode(201)
                .extract().path("id");
        create(tk[1], faceless, null).then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo(ProblemTypes.REFERENCE_WITHOUT_FACE.uri()))
                .body("detail", containsString("no face")).body("instance", equalTo("/v1/texture-profiles"));
        as(tk[1]).get("/v1/texture-profiles").then().statusCode(200).body("items.size()", equalTo(0));
    }

    /**
     * A tenant starts six measurements a minute, faceless photos' 422s included; the seventh is 429
     * too-many-profile-measurements, whose Retry-After is the wait for the next measurement (one every 10 s) and whose
     * RateLimit fields describe the measurements, not the request buckets that still have tokens; others go on.
     */
    @Test
    void aTenantStartsSixMeasurementsAMinute() {
        String[] tk = Api.tenantAndKey();
        String faceless = as(tk[1]).contentType("image/png").body(Api.png(222, 40)).post("/v1/images").then().statusCode(201)
                .extract().path("id");
        for (int i = 0; i < 6; i++) {
            create(tk[1], faceless, null).then().statusCode(422);
        }
        Response refused = create(tk[1], Api.upload(tk[1]), null);
        refused.then().statusCode(429).contentType("application/problem+json")
                .body("type", equalTo(ProblemTypes.TOO_MANY_PROFILE_MEASUREMENTS.uri())).body("limit", equalTo(6))
                .body("detail", containsString("6 texture profile measurements a minute"))
                .header("RateLimit", startsWith("\"profile-measurements\";r=0;t="));
        // the measurements' fields alone: the buckets' items (tokens left) are left off, not sent beside them
        assertEquals(List.of("\"profile-measurements\";q=6;w=60"), refused.headers().getValues("RateLimit-Policy"));
        assertEquals(1, refused.headers().getValues("RateLimit").size(), refused.headers().getValues("RateLimit").toString());
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 10, "a measurement comes back every 10 s: " + retryAfter);
        assertEquals(retryAfter, refused.jsonPath().getLong("retryAfter"));
        String[] other = Api.tenantAndKey();
        create(other[1], Api.upload(other[1]), null).then().statusCode(201).header("RateLimit", startsWith("\"per-tenant\";r="));
    }

    /**
     * texture-service measures one profile per replica at a time: a tenant gets one measurement in flight (whichever of
     * its keys sends it), the next is 429 with Retry-After and is not kept for its Idempotency-Key; other tenants go on.
     */
    @Test
    void aTenantHasOneMeasurementInFlight() throws Exception {
        String[] tk = Api.tenantAndKey();
        String otherKey = Api.key(tk[0], "jobs:write", "jobs:read");
        String held = as(tk[1]).contentType("image/png").body(Api.png(444, 40)).post("/v1/images").then().statusCode(201)
                .extract().path("id");
        String next = Api.upload(otherKey);
        CompletableFuture<Response> first = CompletableFuture.supplyAsync(() -> create(tk[1], held, null));
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (Stubs.profilesHeld() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(1, Stubs.profilesHeld(), "the first measurement reached texture-service");
            as(otherKey).header("Idempotency-Key", "prf-next-" + next).contentType("application/json")
                    .body("{\"imageId\":\"" + next + "\",\"consent\":true}").post("/v1/texture-profiles").then().statusCode(429)
                    .contentType("application/problem+json").header("Retry-After", "5")
                    .body("type", equalTo(ProblemTypes.PROFILE_IN_PROGRESS.uri())).body("instance", equalTo("/v1/texture-profiles"));
            assertEquals(1, Stubs.profilesHeld(), "the refused one never reached texture-service");
            String[] other = Api.tenantAndKey();
            create(other[1], Api.upload(other[1]), null).then().statusCode(201);
        } finally {
            Stubs.releaseProfiles();
        }
        first.get(WAIT.toSeconds(), TimeUnit.SECONDS).then().statusCode(201);
        as(otherKey).header("Idempotency-Key", "prf-next-" + next).contentType("application/json")
                .body("{\"imageId\":\"" + next + "\",\"consent\":true}").post("/v1/texture-profiles").then().statusCode(201)
                .header("Idempotent-Replayed", nullValue());
        as(tk[1]).get("/v1/texture-profiles").then().body("items.size()", equalTo(2));
    }

    @Test
    void theListIsPagedNewestFirstWithoutDocuments() {
        String[] tk = Api.tenantAndKey();
        String image = Api.upload(tk[1]);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(0, create(tk[1], image, "\"p" + i + "\"").then().statusCode(201).extract().path("id"));
        }
        JsonPath first = as(tk[1]).queryParam("limit", 2).get("/v1/texture-profiles").then().statusCode(200).extract().jsonPath();
        assertEquals(ids.subList(0, 2), first.getList("items.id"));
        assertTrue(first.getMap("items[0]").containsKey("sourceImageId"));
        assertFalse(first.getMap("items[0]").containsKey("profile"), "a page holds no documents");
        as(tk[1]).queryParam("limit", 2).queryParam("cursor", first.getString("nextCursor")).get("/v1/texture-profiles")
                .then().statusCode(200).body("items.id", contains(ids.get(2))).body("nextCursor", nullValue());
        as(tk[1]).queryParam("limit", 0).get("/v1/texture-profiles").then().statusCode(400);
        as(tk[1]).queryParam("cursor", "nonsense").get("/v1/texture-profiles").then().statusCode(400);
        as(Api.tenantAndKey()[1]).get("/v1/texture-profiles").then().statusCode(200).body("items.size()", equalTo(0));
    }

    /** The point of a profile: the photo goes, its statistics stay, and jobs restore toward them. */
    @Test
    void aRestoreWithTheProfileCarriesItsBlobKeyAfterThePhotoIsDeleted() throws Exception {
        String[] tk = Api.tenantAndKey();
        String photo = as(tk[1]).contentType("image/png").body(Api.png(70, 50)).post("/v1/images").then().statusCode(201)
                .extract().path("id");
        String profile = create(tk[1], photo, null).then().statusCode(201).extract().path("id");
        as(tk[1]).delete("/v1/images/" + photo).then().statusCode(204);
        as(tk[1]).get("/v1/texture-profiles/" + profile).then().statusCode(200).body("sourceImageId", equalTo(photo))
                .body("profile.version", equalTo(1));

        String image = Api.upload(tk[1]);
        String job = as(tk[1]).contentType("application/json")
                .body("{\"type\":\"texture-restore\",\"imageId\":\"" + image + "\",\"profileId\":\"" + profile + "\"}")
                .post("/v1/jobs").then().statusCode(202).body("request.profileId", equalTo(profile)).extract().path("id");
        var request = EventJson.readEnvelope(Events.await(Topics.TEXTURE_REQUESTS, job, 1, WAIT).get(0).value()).payload();
        assertEquals("reference", request.path("operation").asText().toLowerCase(java.util.Locale.ROOT), request.toString());
        assertEquals(blobKey(profile), request.path("profileKey").asText());
        assertTrue(request.path("referenceKey").isMissingNode() || request.path("referenceKey").isNull(), request.toString());

        as(tk[1]).delete("/v1/texture-profiles/" + profile).then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo(ProblemTypes.PROFILE_IN_USE.uri())).body("jobIds", contains(job));
        as(tk[1]).delete("/v1/images/" + image).then().statusCode(409).body("jobIds", contains(job));
        as(tk[1]).post("/v1/jobs/" + job + "/cancel").then().statusCode(200);

        String key = blobKey(profile);
        as(tk[1]).delete("/v1/texture-profiles/" + profile).then().statusCode(204);
        as(tk[1]).get("/v1/texture-profiles/" + profile).then().statusCode(404).body("type", equalTo(NOT_FOUND));
        as(tk[1]).delete("/v1/texture-profiles/" + profile).then().statusCode(404);
        assertFalse(blobs.exists(key));
        as(tk[1]).contentType("application/json")
                .body("{\"type\":\"texture-restore\",\"imageId\":\"" + image + "\",\"profileId\":\"" + profile + "\"}")
                .post("/v1/jobs").then().statusCode(404).body("detail", containsString("texture profile"));
    }

    @Test
    void theBlobGoesWithTheLastProfileOfItsDocument() throws Exception {
        String[] tk = Api.tenantAndKey();
        String image = Api.upload(tk[1]);
        String first = create(tk[1], image, null).then().statusCode(201).extract().path("id");
        String second = create(tk[1], image, null).then().statusCode(201).extract().path("id");
        String key = blobKey(first);
        assertEquals(key, blobKey(second), "the same statistics are one blob");
        as(tk[1]).delete("/v1/texture-profiles/" + first).then().statusCode(204);
        assertTrue(blobs.exists(key));
        readableThenDeletedWithItsDocument(tk[1], second, key);
    }

    /**
     * A deletion whose commit fails keeps the profile whole: its document is removed only after the row's deletion has
     * committed. The test's deferred trigger makes the commit of that one row's deletion fail (before, the blob was
     * already gone by then, and every later GET of the surviving row was a 500).
     */
    @Test
    void aDeletionWhoseCommitFailsLeavesTheProfileWithItsDocument() throws Exception {
        String[] tk = Api.tenantAndKey();
        String image = Api.upload(tk[1]);
        String profile = create(tk[1], image, null).then().statusCode(201).extract().path("id");
        String key = blobKey(profile);
        int status = refusingTheCommit("delete", "old.id = '" + profile + "'",
                () -> as(tk[1]).delete("/v1/texture-profiles/" + profile).statusCode());
        assertTrue(status >= 500, "the deletion did not commit: " + status);
        assertTrue(blobs.exists(key), "the document stays with its row");
        readableThenDeletedWithItsDocument(tk[1], profile, key);
    }

    /**
     * A creation whose commit fails leaves no document: the document is stored inside the row's transaction (so a
     * deletion of a profile with the same document waits for it), and until 2026-12-07 a commit that failed left it in
     * the store, named by no row, counted nowhere. The test's deferred trigger refuses the commit of that one insert.
     */
    @Test
    void aCreationWhoseCommitFailsLeavesNoDocument() throws Exception {
        String[] tk = Api.tenantAndKey();
        String image = Api.upload(tk[1]);
        int status = refusingTheCommit("insert", "new.tenant_id = '" + tk[0] + "'", () -> create(tk[1], image, null).statusCode());
        assertTrue(status >= 500, "the creation did not commit: " + status);
        assertEquals(List.of(), blobs.keysUnder("profiles/" + tk[0] + "/", 10), "no document named by no profile");
        // the same document made again is stored and readable
        String profile = create(tk[1], image, null).then().statusCode(201).extract().path("id");
        readableThenDeletedWithItsDocument(tk[1], profile, blobKey(profile));
    }

    /** A row whose document the store has lost (deleted by hand, a bucket restored) is a 404 saying so, and can be deleted. */
    @Test
    void aProfileWhoseDocumentIsGoneIsA404AndCanBeDeleted() throws Exception {
        String[] tk = Api.tenantAndKey();
        String image = Api.upload(tk[1]);
        String profile = create(tk[1], image, null).then().statusCode(201).extract().path("id");
        blobs.delete(blobKey(profile));
        as(tk[1]).get("/v1/texture-profiles/" + profile).then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo(NOT_FOUND)).body("detail", containsString("lost its document"));
        as(tk[1]).get("/v1/texture-profiles").then().statusCode(200).body("items.id", contains(profile));
        as(tk[1]).delete("/v1/texture-profiles/" + profile).then().statusCode(204);
        as(tk[1]).get("/v1/texture-profiles").then().statusCode(200).body("items.size()", equalTo(0));
    }

    @Test
    void anotherTenantsProfileOrAnImageIdIsNoProfile() {
        String[] owner = Api.tenantAndKey();
        String[] other = Api.tenantAndKey();
        String image = Api.upload(owner[1]);
        String profile = create(owner[1], image, null).then().statusCode(201).extract().path("id");
        String theirs = Api.upload(other[1]);
        as(other[1]).get("/v1/texture-profiles/" + profile).then().statusCode(404).body("type", equalTo(NOT_FOUND));
        as(other[1]).delete("/v1/texture-profiles/" + profile).then().statusCode(404);
        as(other[1]).get("/v1/texture-profiles/not..an-id").then().statusCode(404);
        as(other[1]).contentType("application/json")
                .body("{\"type\":\"texture-restore\",\"imageId\":\"" + theirs + "\",\"profileId\":\"" + profile + "\"}")
                .post("/v1/jobs").then().statusCode(404).body("detail", containsString("texture profile"));
        // an image is no texture profile (what profileId used to be taken for)
        as(owner[1]).contentType("application/json")
                .body("{\"type\":\"texture-restore\",\"imageId\":\"" + image + "\",\"profileId\":\"" + image + "\"}")
                .post("/v1/jobs").then().statusCode(404).body("type", equalTo(NOT_FOUND)).body("detail", containsString("texture profile"));
        as(owner[1]).contentType("application/json")
                .body("{\"type\":\"texture-restore\",\"imageId\":\"" + image + "\",\"profileId\":\"" + image + "\"}")
                .post("/v1/jobs/quote").then().statusCode(404);
        as(owner[1]).get("/v1/texture-profiles/" + profile).then().statusCode(200);
    }

    @Test
    void aRetriedCreateWithItsIdempotencyKeyAnswersTheFirstProfile() {
        String[] tk = Api.tenantAndKey();
        String image = Api.upload(tk[1]);
        String id = as(tk[1]).header("Idempotency-Key", "prf-" + image).contentType("application/json")
                .body("{\"imageId\":\"" + image + "\",\"consent\":true}").post("/v1/texture-profiles").then().statusCode(201)
                .extract().path("id");
        as(tk[1]).header("Idempotency-Key", "prf-" + image).contentType("application/json")
                .body("{\"imageId\":\"" + image + "\",\"consent\":true}").post("/v1/texture-profiles").then().statusCode(201)
                .header("Idempotent-Replayed", "true").body("id", equalTo(id));
        as(tk[1]).get("/v1/texture-profiles").then().body("items.size()", equalTo(1));

        // once the profile is deleted, its statistics leave the stored answer too: a replay is the 404 a GET of it is
        // (it answered 201 with the whole deleted profile), and runs nothing
        as(tk[1]).delete("/v1/texture-profiles/" + id).then().statusCode(204);
        Response replayed = as(tk[1]).header("Idempotency-Key", "prf-" + image).contentType("application/json")
                .body("{\"imageId\":\"" + image + "\",\"consent\":true}").post("/v1/texture-profiles");
        replayed.then().statusCode(404).contentType("application/problem+json").header("Idempotent-Replayed", "true")
                .header("Location", nullValue()).body("type", equalTo(NOT_FOUND)).body("detail", containsString(id))
                .body("instance", equalTo("/v1/texture-profiles"));
        assertFalse(replayed.asString().contains("radialSpectrum"), replayed.asString());
        as(tk[1]).get("/v1/texture-profiles").then().body("items.size()", equalTo(0));
    }

    /** At the cap one more is 409; creations racing for the last place make one profile, however many they are. */
    @Test
    void aTenantHoldsAtMostTheCap() throws Exception {
        String[] tk = Api.tenantAndKey();
        String image = Api.upload(tk[1]);
        try (Connection c = LocalStack.shared().postgres().connect("gateway")) {
            Sql.execute(c, "insert into texture_profiles (id, tenant_id, blob_key) select 'prf_cap' || g || ?, ?, 'profiles/none/x' "
                    + "from generate_series(1, 99) g", tk[0].substring(4), tk[0]);
        }
        List<CompletableFuture<Response>> racing = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            racing.add(CompletableFuture.supplyAsync(() -> create(tk[1], image, null)));
        }
        List<Integer> statuses = new ArrayList<>();
        for (CompletableFuture<Response> answer : racing) {
            statuses.add(answer.get(WAIT.toSeconds(), TimeUnit.SECONDS).statusCode());
        }
        assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
        // the others: 409 at the cap, or 429 while the tenant's measurement in flight was another's
        assertEquals(3, statuses.stream().filter(s -> s == 409 || s == 429).count(), statuses.toString());
        create(tk[1], image, null).then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo(ProblemTypes.TOO_MANY_PROFILES.uri())).body("limit", equalTo(100));
        try (Connection c = LocalStack.shared().postgres().connect("gateway")) {
            assertEquals(100, Sql.count(c, "select count(*) from texture_profiles where tenant_id = ?", tk[0]));
        }
        as(tk[1]).delete("/v1/texture-profiles/prf_cap1" + tk[0].substring(4)).then().statusCode(204);
        create(tk[1], image, null).then().statusCode(201);
    }

    /**
     * A deletion that commits while a submit's transaction waits for the profile: the job is refused (404) and never
     * written. The test's transaction plays the deletion, locking the row as DELETE does.
     */
    @Test
    void aSubmitWaitingOnADeletionThatSucceedsIsRefusedAndWritesNoJob() throws Exception {
        String[] tk = Api.tenantAndKey();
        String image = Api.upload(tk[1]);
        String profile = create(tk[1], image, null).then().statusCode(201).extract().path("id");
        CompletableFuture<Response> submit;
        try (Connection c = LocalStack.shared().postgres().connect("gateway")) {
            c.setAutoCommit(false);
            Sql.execute(c, "select id from texture_profiles where id = ? for update", profile);
            submit = CompletableFuture.supplyAsync(() -> as(tk[1]).contentType("application/json")
                    .body("{\"type\":\"texture-restore\",\"imageId\":\"" + image + "\",\"profileId\":\"" + profile + "\"}")
                    .post("/v1/jobs"));
            Sql.awaitWaitingOnALock("%from texture_profiles%for key share%", WAIT);
            Sql.execute(c, "delete from texture_profiles where id = ?", profile);
            c.commit();
        }
        submit.get(WAIT.toSeconds(), TimeUnit.SECONDS).then().statusCode(404).body("detail", containsString("texture profile"));
        try (Connection c = LocalStack.shared().postgres().connect("gateway")) {
            assertEquals(0, Sql.count(c, "select count(*) from jobs where tenant_id = ?", tk[0]), "no job for a deleted profile");
        }
    }

    @Test
    void theOpenApiDocumentShowsTheRoutesWithExamples() {
        io.restassured.RestAssured.given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/v1/texture-profiles'.post.requestBody.content.'application/json'.examples", notNullValue())
                .body("paths.'/v1/texture-profiles'.post.responses.'201'.content.'application/json'.examples.profile.value.profile.version",
                        equalTo(1))
                .body("paths.'/v1/texture-profiles'.post.responses.'503'.content.'application/problem+json'.examples.'backend-unavailable'"
                        + ".value.backend", equalTo("texture-service"))
                .body("paths.'/v1/texture-profiles'.post.responses.'422'.content.'application/problem+json'.examples."
                        + "'reference-without-face'.value.type", equalTo(ProblemTypes.REFERENCE_WITHOUT_FACE.uri()))
                .body("paths.'/v1/texture-profiles'.post.responses.'429'.content.'application/problem+json'.examples."
                        + "'profile-in-progress'.value.type", equalTo(ProblemTypes.PROFILE_IN_PROGRESS.uri()))
                .body("paths.'/v1/texture-profiles'.post.responses.'429'.content.'application/problem+json'.examples."
                        + "'too-many-profile-measurements'.value.type", equalTo(ProblemTypes.TOO_MANY_PROFILE_MEASUREMENTS.uri()))
                .body("paths.'/v1/texture-profiles/{id}'.delete.responses.'409'.content.'application/problem+json'.examples."
                        + "'profile-in-use'.value.type", equalTo(ProblemTypes.PROFILE_IN_USE.uri()));
    }

    /**
     * The call's answer while a deferred trigger refuses the commit of each {@code operation} ("insert", "delete") on
     * texture_profiles whose row matches {@code row} (PL/pgSQL, {@code new.} or {@code old.}); dropped after the call.
     */
    private static int refusingTheCommit(String operation, String row, java.util.function.IntSupplier call) throws Exception {
        try (Connection c = LocalStack.shared().postgres().connect("gateway")) {
            Sql.execute(c, "create function refuse_profile_commit() returns trigger language plpgsql as $$ begin "
                    + "if " + row + " then raise exception 'the test refuses this commit'; end if; return null; end $$");
            Sql.execute(c, "create constraint trigger refuse_profile_commit after " + operation + " on texture_profiles "
                    + "deferrable initially deferred for each row execute function refuse_profile_commit()");
        }
        try {
            return call.getAsInt();
        } finally {
            try (Connection c = LocalStack.shared().postgres().connect("gateway")) {
                Sql.execute(c, "drop trigger refuse_profile_commit on texture_profiles");
                Sql.execute(c, "drop function refuse_profile_commit()");
            }
        }
    }

    private static Response create(String key, String imageId, String nameJson) {
        return as(key).contentType("application/json").body("{\"imageId\":\"" + imageId + "\",\"consent\":true"
                + (nameJson == null ? "" : ",\"name\":" + nameJson) + "}").post("/v1/texture-profiles");
    }

    /** The profile answers its document, and its DELETE takes the blob with it (the last profile of the document). */
    private void readableThenDeletedWithItsDocument(String key, String profileId, String blobKey) throws Exception {
        as(key).get("/v1/texture-profiles/" + profileId).then().statusCode(200).body("profile.version", equalTo(1));
        as(key).delete("/v1/texture-profiles/" + profileId).then().statusCode(204);
        assertFalse(blobs.exists(blobKey));
    }

    private static String blobKey(String profileId) throws Exception {
        try (Connection c = LocalStack.shared().postgres().connect("gateway");
             var ps = c.prepareStatement("select blob_key from texture_profiles where id = ?")) {
            ps.setString(1, profileId);
            try (var rs = ps.executeQuery()) {
                assertTrue(rs.next(), "no row for " + profileId);
                return rs.getString(1);
            }
        }
    }
}
