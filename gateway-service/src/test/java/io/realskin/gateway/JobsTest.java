package io.realskin.gateway;

import static io.realskin.gateway.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.realskin.contracts.EventJson;
import io.realskin.contracts.EventTypes;
import io.realskin.contracts.GenerationRequest;
import io.realskin.contracts.TextureRequest;
import io.realskin.contracts.Topics;
import io.realskin.contracts.blob.BlobStore;
import io.realskin.local.KafkaProbe;
import io.realskin.local.LocalStack;
import io.realskin.local.LocalStackResource;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
@QuarkusTestResource(StubBackends.class)
class JobsTest {
    /** Generous, for a busy machine: each wait ends as soon as what it waits for is there. */
    private static final Duration KAFKA = Duration.ofSeconds(90);
    private static String tenant;
    private static String key;

    @Inject
    BlobStore blobs;

    @TestHTTPResource("/")
    URL base;

    /** Not @BeforeAll: RestAssured points at the test's port only around test methods. */
    @BeforeEach
    void tenant() {
        if (key != null) {
            return;
        }
        String[] tk = Api.tenantAndKey();
        tenant = tk[0];
        key = tk[1];
    }

    private String resultBlob(int w, int h) throws Exception {
        String blobKey = "results/" + tenant + "/" + java.util.UUID.randomUUID() + ".png";
        blobs.put(blobKey, Api.png(w, h));
        return blobKey;
    }

    @Test
    void aJobIsQueuedPublishedAndFollowsItsEvents() throws Exception {
        String image = Api.upload(key);
        String job = as(key).contentType("application/json")
                .body("{\"type\":\"texture-restore\",\"imageId\":\"" + image + "\",\"intensity\":55}")
                .post("/v1/jobs").then().statusCode(202).header("Location", containsString("/v1/jobs/job_"))
                .body("status", equalTo("queued")).body("urls.cancel", notNullValue()).extract().path("id");
        List<KafkaProbe.Received> requests = Events.await(Topics.TEXTURE_REQUESTS, job, 1, KAFKA);
        assertEquals(1, requests.size(), "the outbox published the request");
        var envelope = EventJson.readEnvelope(requests.get(0).value());
        assertEquals(EventTypes.TEXTURE_REQUESTED, envelope.type());
        assertEquals(55, envelope.payload().path("intensity").asInt());
        assertEquals("HELD", Stubs.hold(job), "credits held before the job was queued");

        Events.started(tenant, job);
        Events.progress(tenant, job, "synthesis", 60);
        awaitStatus(job, "running");
        Events.restored(tenant, job, resultBlob(64, 48), 64, 48);
        JsonPath done = awaitStatus(job, "completed");
        assertEquals(100, done.getInt("progress"));
        assertEquals(41, done.getInt("result.faceRestores[0].intensity"));
        assertEquals(List.of(10, 8, 30, 30), done.getList("result.faceRestores[0].box"));
        assertEquals(412, done.getInt("result.locality.changedPixels"));
        assertEquals(List.of(List.of(8, 6, 34, 36)), done.getList("result.locality.boxes"));
        assertEquals(Events.SHA, done.getString("result.locality.sha256After"));
        assertTrue(done.getBoolean("result.locality.identical"));
        as(key).get(done.getString("urls.result")).then().statusCode(200).contentType("image/png");
        as(key).get("/v1/images/" + done.getString("result.imageId")).then().statusCode(200).body("width", equalTo(64))
                .body("jobId", equalTo(job));
        as(key).get("/v1/images/" + image).then().statusCode(200).body("jobId", nullValue()); // an upload
    }

    @Test
    void sourceRestoreIsQueuedWithItsOptionsAndValidated() throws Exception {
        String image = Api.upload(key);
        String job = as(key).contentType("application/json")
                .body("{\"type\":\"source-restore\",\"imageId\":\"" + image + "\",\"denoise\":\"off\"}")
                .post("/v1/jobs").then().statusCode(202).body("status", equalTo("queued")).body("type", equalTo("source-restore"))
                .extract().path("id");
        var envelope = EventJson.readEnvelope(Events.await(Topics.TEXTURE_REQUESTS, job, 1, KAFKA).get(0).value());
        assertEquals("source-restore", envelope.payload().path("operation").asText());
        assertEquals(2, envelope.payload().path("upscale").asInt(), "upscale defaults to 2");
        assertEquals("off", envelope.payload().path("denoise").asText());
        assertEquals("HELD", Stubs.hold(job));
        as(key).contentType("application/json").body("{\"type\":\"source-restore\",\"imageId\":\"" + image + "\",\"upscale\":3}")
                .post("/v1/jobs").then().statusCode(400).body("detail", containsString("upscale"));
        as(key).contentType("application/json").body("{\"type\":\"source-restore\",\"imageId\":\"" + image + "\",\"denoise\":\"max\"}")
                .post("/v1/jobs").then().statusCode(400).body("detail", containsString("denoise"));
    }

    @Test
    void preferWaitAnswersWithTheFinishedJob() {
        String[] own = Api.tenantAndKey();
        String image = Api.upload(own[1]);
        CompletableFuture<Void> worker = CompletableFuture.runAsync(() -> {
            try (KafkaProbe probe = Events.probe()) {
                List<KafkaProbe.Received> r = probe.await(Topics.TEXTURE_REQUESTS,
                        x -> x.value().contains("\"operation\":\"analyze\"") && x.value().contains(own[0]), found -> !found.isEmpty(), KAFKA);
                Events.completed(own[0], r.get(0).key(), null, 0, 0, "{\"faces\":1,\"plasticScore\":0.4}");
            }
        });
        as(own[1]).header("Prefer", "wait=30").contentType("application/json")
                .body("{\"type\":\"analyze\",\"imageId\":\"" + image + "\"}").post("/v1/jobs")
                .then().statusCode(200).header("Preference-Applied", "wait=30").body("status", equalTo("completed"));
        worker.join();
        // a job that does not end in time is 202 after the wait
        as(own[1]).header("Prefer", "wait=1").contentType("application/json")
                .body("{\"type\":\"texture-restore\",\"imageId\":\"" + image + "\"}").post("/v1/jobs")
                .then().statusCode(202).header("Preference-Applied", "wait=1").body("status", equalTo("queued"));
    }

    /**
     * The stream's promise (docs/api.md): every change, in the order applied, each once, queued first and the ending
     * event last; event ids are the history's sequence. The worker's events follow each other without a pause, as a
     * quick job's do; a stream opened after the end tells the same story, and so does the JSON history.
     */
    @Test
    void serverSentEventsFollowTheJobToItsEnd() throws Exception {
        String image = Api.upload(key);
        String job = Api.submitTexture(key, image);
        List<SseStream.Event> live;
        try (SseStream stream = SseStream.open(base, key, job, null)) {
            assertEquals(200, stream.status());
            assertTrue(stream.header("Content-Type").startsWith("text/event-stream"), stream.header("Content-Type"));
            Events.started(tenant, job);
            Events.progress(tenant, job, "synthesis", 50);
            Events.restored(tenant, job, resultBlob(64, 48), 64, 48);
            live = stream.untilEnd();
        }
        assertEquals(List.of("queued", "started", "progress", "completed"), SseStream.names(live), live.toString());
        assertEquals(List.of("1", "2", "3", "4"), SseStream.ids(live), live.toString());
        JsonPath progress = new JsonPath(live.get(2).data());
        assertEquals("running", progress.getString("status"));
        assertEquals("synthesis", progress.getString("stage"));
        assertEquals(50, progress.getInt("progress"));
        JsonPath completed = new JsonPath(live.get(3).data());
        assertEquals("completed", completed.getString("status"));
        assertTrue(completed.getString("result.imageId") != null, live.get(3).data());
        assertEquals("rgb8", completed.getString("result.locality.layoutAfter"), live.get(3).data());
        assertEquals(41, completed.getInt("result.faceRestores[0].intensity"), live.get(3).data());

        try (SseStream replay = SseStream.open(base, key, job, null)) {
            assertEquals(live, replay.untilEnd(), "a stream opened after the end replays the same events");
        }
        as(key).accept("application/json").get("/v1/jobs/" + job + "/events").then().statusCode(200)
                .body("items.event", equalTo(List.of("queued", "started", "progress", "completed")))
                .body("items.sequence", equalTo(List.of(1, 2, 3, 4))).body("nextAfter", nullValue());
    }

    @Test
    void cancelEndsTheJobAndPublishesCanceledForBilling() throws Exception {
        String image = Api.upload(key);
        String job = Api.submitTexture(key, image);
        as(key).post("/v1/jobs/" + job + "/cancel").then().statusCode(200).body("status", equalTo("canceled"))
                .body("error.code", equalTo("canceled"));
        List<KafkaProbe.Received> events = Events.await(Topics.JOB_EVENTS, job, 1, KAFKA);
        assertTrue(events.stream().anyMatch(e -> EventJson.readEnvelope(e.value()).type().equals(EventTypes.CANCELED)), events.toString());
        as(key).post("/v1/jobs/" + job + "/cancel").then().statusCode(409)
                .body("type", equalTo("https://realskin.io/problems/job-finished")).body("jobStatus", equalTo("canceled"));
        // a worker's COMPLETED read after the cancel (a late cancel: billing captured from it and gives that back on the
        // CANCELED, docs/billing.md) does not revive the job, and its result goes: canceled, not charged, no result
        String late = resultBlob(64, 48);
        Events.completed(tenant, job, late, 64, 48, null);
        awaitBlobGone(late);
        as(key).get("/v1/jobs/" + job).then().body("status", equalTo("canceled")).body("result", nullValue());
        assertEquals(0, imagesOfJob(job));
    }

    /**
     * Canceling the texture-pass step ends its generate job canceled, and a canceled job is neither charged (billing gives
     * the generation's capture back on the job's CANCELED) nor has a result: the generated image goes too. Until
     * 2026-12-07 it stayed listed under the canceled job.
     */
    @Test
    void cancelingTheTexturePassDeletesTheImageTheCanceledGenerateJobMade() throws Exception {
        String generatedBlob = resultBlob(80, 60);
        String job = inItsTexturePass("{\"intensity\":40}", generatedBlob);
        String step = job + "-tp";
        assertEquals(1, imagesOfJob(job), "the generated image, registered from the generation's COMPLETED");

        as(key).post("/v1/jobs/" + step + "/cancel").then().statusCode(200).body("status", equalTo("canceled"));
        as(key).get("/v1/jobs/" + job).then().body("status", equalTo("canceled")).body("result", nullValue());
        assertEquals(0, imagesOfJob(job), "the canceled generate job's image");
        awaitBlobGone(generatedBlob);
    }

    /**
     * A generate job canceled during its texture pass never gave its tenant the generated image: until the job completes
     * the image is no image of the tenant's (404 for its reads, for a job or profile naming it, not listed) and the job
     * shows no result, so the cancel that gives the generation's charge back leaves the tenant nothing. Until 2026-12-07
     * the image was listed, readable and usable from the generation's COMPLETED on: a free analyze job on it kept it past
     * the cancel (a free generation).
     */
    @Test
    void aGenerateJobCanceledDuringItsPassGaveItsTenantNothing() throws Exception {
        String generatedBlob = resultBlob(80, 60);
        String job = inItsTexturePass("{}", generatedBlob);
        String step = job + "-tp";
        String generated = imageOfJob(job);

        as(key).get("/v1/jobs/" + job).then().body("status", equalTo("running")).body("stage", equalTo("texture-pass"))
                .body("result", nullValue()).body("urls.result", nullValue());
        as(key).accept("application/json").get("/v1/jobs/" + job + "/events").then().statusCode(200)
                .body("items.result.findAll { it != null }", hasSize(0));
        List<String> listed = as(key).get("/v1/images?limit=100").then().statusCode(200).extract().path("items.id");
        assertTrue(!listed.contains(generated), "the generated image is not listed during the pass: " + listed);
        as(key).get("/v1/images/" + generated).then().statusCode(404);
        as(key).get("/v1/images/" + generated + "/content").then().statusCode(404);
        as(key).head("/v1/images/" + generated + "/content").then().statusCode(404);
        as(key).get("/v1/images/" + generated + "/thumbnail?width=160").then().statusCode(404);
        as(key).get("/v1/images/" + generated + "/analysis").then().statusCode(404);
        as(key).delete("/v1/images/" + generated).then().statusCode(404);
        as(key).contentType("application/json").body("{\"type\":\"analyze\",\"imageId\":\"" + generated + "\"}")
                .post("/v1/jobs").then().statusCode(404);
        as(key).contentType("application/json").body("{\"type\":\"texture-restore\",\"imageId\":\"" + generated + "\"}")
                .post("/v1/jobs/quote").then().statusCode(404);
        as(key).contentType("application/json").body("{\"imageId\":\"" + generated + "\",\"consent\":true}")
                .post("/v1/texture-profiles").then().statusCode(404);

        as(key).post("/v1/jobs/" + job + "/cancel").then().statusCode(200).body("status", equalTo("canceled"))
                .body("result", nullValue());
        // billing gives the generation's capture back on this CANCELED (docs/billing.md): nothing charged, nothing left
        assertTrue(Events.await(Topics.JOB_EVENTS, job, 1, KAFKA).stream()
                .anyMatch(r -> EventTypes.CANCELED.equals(EventJson.readEnvelope(r.value()).type())), "the job's CANCELED");
        as(key).get("/v1/jobs/" + step).then().body("status", equalTo("canceled"));
        assertEquals(0, imagesOfJob(job), "the canceled generate job's image");
        awaitBlobGone(generatedBlob);
        as(key).get("/v1/images/" + generated + "/content").then().statusCode(404);
    }

    /** A pass that returns no image leaves the generated image the result: the tenant gets it once the job completes. */
    @Test
    void aPassWithoutAnImageCompletesWithTheGeneratedImage() throws Exception {
        String job = inItsTexturePass("{\"intensity\":0}", resultBlob(80, 60));
        String step = job + "-tp";
        String generated = imageOfJob(job);
        as(key).get("/v1/images/" + generated + "/content").then().statusCode(404);
        Events.completed(tenant, step, null, 80, 60, null);
        JsonPath done = awaitStatus(job, "completed");
        assertEquals(generated, done.getString("result.imageId"));
        assertEquals("/v1/images/" + generated + "/content", done.getString("urls.result"));
        as(key).get("/v1/images/" + generated + "/content").then().statusCode(200);
        List<String> listed = as(key).get("/v1/images?limit=100").then().statusCode(200).extract().path("items.id");
        assertTrue(listed.contains(generated), "the result is listed once its job completed: " + listed);
    }

    /**
     * A pass that fails leaves the generation done and charged: the job completes with the generated image, its
     * {@code texturePass} failed with the step's error. Until 2026-12-07 the job failed, charged, with no result.
     */
    @Test
    void aPassThatFailsCompletesWithTheGeneratedImage() throws Exception {
        String job = inItsTexturePass("{\"intensity\":40}", resultBlob(80, 60));
        String generated = imageOfJob(job);
        Events.failed(tenant, job + "-tp", "internal");
        JsonPath done = awaitStatus(job, "completed");
        assertEquals(generated, done.getString("result.imageId"));
        assertEquals("failed", done.getString("result.texturePass.status"));
        assertEquals("internal", done.getString("result.texturePass.error.code"));
        as(key).get("/v1/jobs/" + job + "-tp").then().body("status", equalTo("failed"));
        as(key).get("/v1/images/" + generated + "/content").then().statusCode(200);
    }

    /** A generate job with this {@code texturePass}, generated (its COMPLETED names the blob) and in its pass: its id. */
    private String inItsTexturePass(String texturePass, String generatedBlob) throws Exception {
        String job = as(key).contentType("application/json")
                .body("{\"type\":\"generate\",\"prompt\":\"portrait of a woman, studio light\",\"texturePass\":" + texturePass + "}")
                .post("/v1/jobs").then().statusCode(202).extract().path("id");
        Events.await(Topics.GENERATION_REQUESTS, job, 1, KAFKA);
        Events.completed(tenant, job, generatedBlob, 80, 60, null);
        Events.await(Topics.TEXTURE_REQUESTS, job + "-tp", 1, KAFKA);
        return job;
    }

    /** The one image row of a job (its result, or a generate job's generated image during its pass). */
    private static String imageOfJob(String job) throws Exception {
        try (Connection c = LocalStack.shared().postgres().connect("gateway");
             java.sql.PreparedStatement ps = c.prepareStatement("select id from images where job_id = ?")) {
            ps.setString(1, job);
            try (ResultSet rows = ps.executeQuery()) {
                assertTrue(rows.next(), "job " + job + " has an image");
                return rows.getString(1);
            }
        }
    }

    private static long imagesOfJob(String job) throws Exception {
        try (Connection c = LocalStack.shared().postgres().connect("gateway");
             java.sql.PreparedStatement ps = c.prepareStatement("select count(*) from images where job_id = ?")) {
            ps.setString(1, job);
            try (ResultSet rows = ps.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private void awaitBlobGone(String blobKey) throws Exception {
        long until = System.nanoTime() + KAFKA.toNanos();
        while (blobs.get(blobKey).isPresent()) {
            assertTrue(System.nanoTime() < until, "the result " + blobKey + " was never deleted");
            Thread.sleep(100);
        }
    }

    @Test
    void billingAnswersBecomeProblemsAndNoJobIsCreated() {
        String[] broke = Api.tenantAndKey();
        String image = Api.upload(broke[1]);
        Stubs.holdMode(broke[0], "broke");
        as(broke[1]).contentType("application/json").body("{\"type\":\"texture-restore\",\"imageId\":\"" + image + "\"}")
                .post("/v1/jobs").then().statusCode(402).body("type", equalTo("https://realskin.io/problems/insufficient-credits"))
                .body("shortfall", equalTo(6)).body("required", equalTo(10)).body("available", equalTo(4));
        Stubs.holdMode(broke[0], "plan");
        as(broke[1]).contentType("application/json").body("{\"type\":\"generate\",\"prompt\":\"a portrait\",\"model\":\"nano-banana-pro\"}")
                .post("/v1/jobs").then().statusCode(403).body("type", equalTo("https://realskin.io/problems/plan-excludes"));
        Stubs.holdMode(broke[0], "ok");
        Stubs.up("billing", false);
        try {
            as(broke[1]).contentType("application/json").body("{\"type\":\"texture-restore\",\"imageId\":\"" + image + "\"}")
                    .post("/v1/jobs").then().statusCode(503).header("Retry-After", notNullValue())
                    .body("type", equalTo("https://realskin.io/problems/backend-unavailable")).body("backend", equalTo("billing"));
        } finally {
            Stubs.up("billing", true);
        }
        as(broke[1]).get("/v1/jobs").then().statusCode(200).body("items", hasSize(0));
    }

    /**
     * The hold comes before the job row; when the row cannot be written the hold is released at once. Here the jobs
     * table is locked by another session and the insert waiting for it is ended as its statement timeout would end it,
     * with the same error (57014 query_canceled) but without waiting out the 8 s: the row certainly never commits (it
     * does not appear once the lock is gone) and the hold is released.
     */
    @Test
    void noHoldOutlivesAJobThatWasNotCreated() throws Exception {
        String[] own = Api.tenantAndKey();
        try (Connection locker = LocalStack.shared().postgres().connect("gateway"); Statement lock = locker.createStatement()) {
            locker.setAutoCommit(false);
            lock.execute("lock table jobs in access exclusive mode");
            try {
                CompletableFuture<Response> submit = CompletableFuture.supplyAsync(() -> as(own[1]).contentType("application/json")
                        .body("{\"type\":\"generate\",\"prompt\":\"a portrait\",\"enhancePrompt\":false}").post("/v1/jobs"));
                Sql.awaitWaitingOnALock("insert into jobs%", Duration.ofSeconds(30));
                Sql.execute(locker, "select pg_cancel_backend(pid) from pg_stat_activity where wait_event_type = 'Lock' and query like ?",
                        "insert into jobs%");
                submit.join().then().statusCode(503).body("type", equalTo("https://realskin.io/problems/backend-unavailable"))
                        .body("backend", equalTo("database")); // the statement ended: the database cannot do it now
            } finally {
                locker.rollback();
            }
        }
        assertEquals(List.of("RELEASED"), Stubs.holdsOf(own[0]), "the hold placed for the job was released");
        as(own[1]).get("/v1/jobs").then().body("items", hasSize(0));
    }

    @Test
    void controlCharactersInAPromptAre400BeforeAnyHold() {
        String[] own = Api.tenantAndKey();
        as(own[1]).contentType("application/json").body("{\"type\":\"generate\",\"prompt\":\"a\\u0000b\",\"enhancePrompt\":false}")
                .post("/v1/jobs").then().statusCode(400).body("type", equalTo("https://realskin.io/problems/invalid-request"))
                .body("detail", containsString("control characters"));
        assertEquals(List.of(), Stubs.holdsOf(own[0]), "nothing was held");
    }

    @Test
    void anOutputFormatGoesToTheWorkerOfAGenerateOrTextureRestoreJobAndOtherJobsRefuseIt() {
        String[] own = Api.tenantAndKey();
        String png = as(own[1]).contentType("application/json")
                .body("{\"type\":\"generate\",\"prompt\":\"p\",\"enhancePrompt\":false,\"outputFormat\":\"png\"}")
                .post("/v1/jobs").then().statusCode(202).extract().path("id");
        var asked = EventJson.readEnvelope(Events.await(Topics.GENERATION_REQUESTS, png, 1, KAFKA).get(0).value()).payload();
        assertEquals("png", asked.path("outputFormat").asText(), asked.toString());
        String plain = as(own[1]).contentType("application/json")
                .body("{\"type\":\"generate\",\"prompt\":\"p\",\"enhancePrompt\":false}").post("/v1/jobs").then().statusCode(202)
                .extract().path("id");
        var unasked = EventJson.readEnvelope(Events.await(Topics.GENERATION_REQUESTS, plain, 1, KAFKA).get(0).value()).payload();
        assertEquals("jpeg", EventJson.MAPPER.convertValue(unasked, GenerationRequest.class).outputFormatOrDefault());
        assertEquals(null, EventJson.MAPPER.convertValue(unasked, GenerationRequest.class).consent(), "no references, no consent");
        // a restore keeps the input's format unless asked: PNG keeps all the texture a JPEG's quantisation would drop
        String image = Api.upload(own[1]);
        String restorePng = as(own[1]).contentType("application/json")
                .body("{\"type\":\"texture-restore\",\"imageId\":\"" + image + "\",\"outputFormat\":\"png\"}")
                .post("/v1/jobs").then().statusCode(202).extract().path("id");
        var restoreAsked = EventJson.readEnvelope(Events.await(Topics.TEXTURE_REQUESTS, restorePng, 1, KAFKA).get(0).value()).payload();
        assertEquals("png", EventJson.MAPPER.convertValue(restoreAsked, TextureRequest.class).outputFormat(), restoreAsked.toString());
        String restorePlain = as(own[1]).contentType("application/json")
                .body("{\"type\":\"texture-restore\",\"imageId\":\"" + image + "\"}")
                .post("/v1/jobs").then().statusCode(202).extract().path("id");
        var restoreUnasked = EventJson.readEnvelope(Events.await(Topics.TEXTURE_REQUESTS, restorePlain, 1, KAFKA).get(0).value()).payload();
        assertNull(EventJson.MAPPER.convertValue(restoreUnasked, TextureRequest.class).outputFormat(), restoreUnasked.toString());
        int held = Stubs.holdsOf(own[0]).size();

        as(own[1]).contentType("application/json").body("{\"type\":\"generate\",\"prompt\":\"p\",\"outputFormat\":\"gif\"}")
                .post("/v1/jobs").then().statusCode(400).body("type", equalTo("https://realskin.io/problems/invalid-request"))
                .body("detail", containsString("outputFormat"));
        as(own[1]).contentType("application/json")
                .body("{\"type\":\"analyze\",\"imageId\":\"" + image + "\",\"outputFormat\":\"png\"}")
                .post("/v1/jobs").then().statusCode(400)
                .body("detail", equalTo("outputFormat applies to texture-restore, generate jobs only"));
        assertEquals(held, Stubs.holdsOf(own[0]).size(), "nothing more was held");
    }

    /**
     * An image or profile id on a job type that does not take it is a 400 naming the field, before anything is held: it
     * was stored and locked what it named (a profile's DELETE was 409 profile-in-use until the job ended) for nothing.
     */
    @Test
    void aFieldItsTypeDoesNotTakeIsA400NamingItAndLocksNothing() {
        String[] own = Api.tenantAndKey();
        String image = Api.upload(own[1]);
        String other = Api.upload(own[1]);
        String profile = as(own[1]).contentType("application/json").body("{\"imageId\":\"" + other + "\",\"consent\":true}")
                .post("/v1/texture-profiles").then().statusCode(201).extract().path("id");
        String generate = "\"type\":\"generate\",\"prompt\":\"p\",\"enhancePrompt\":false";
        List<String[]> refused = List.of(
                new String[] {"{" + generate + ",\"profileId\":\"" + profile + "\"}", "profileId"},
                new String[] {"{" + generate + ",\"imageId\":\"" + image + "\"}", "imageId"},
                new String[] {"{" + generate + ",\"maskImageId\":\"" + other + "\"}", "maskImageId"},
                new String[] {"{\"type\":\"analyze\",\"imageId\":\"" + image + "\",\"profileId\":\"" + profile + "\"}", "profileId"},
                new String[] {"{\"type\":\"analyze\",\"imageId\":\"" + image + "\",\"referenceImageId\":\"" + other + "\"}", "referenceImageId"},
                new String[] {"{\"type\":\"analyze\",\"imageId\":\"" + image + "\",\"maskImageId\":\"" + other + "\"}", "maskImageId"},
                new String[] {"{\"type\":\"source-restore\",\"imageId\":\"" + image + "\",\"profileId\":\"" + profile + "\"}", "profileId"},
                new String[] {"{\"type\":\"skin-inpaint\",\"imageId\":\"" + image + "\",\"maskImageId\":\"" + image
                        + "\",\"referenceImageId\":\"" + other + "\"}", "referenceImageId"},
                new String[] {"{\"type\":\"texture-restore\",\"imageId\":\"" + image + "\","
                        + "\"referenceImages\":[{\"imageId\":\"" + other + "\"}]}", "referenceImages"});
        for (String[] body : refused) {
            for (String path : List.of("/v1/jobs", "/v1/jobs/quote")) {
                as(own[1]).contentType("application/json").body(body[0]).post(path).then().statusCode(400)
                        .contentType("application/problem+json").body("type", equalTo("https://realskin.io/problems/invalid-request"))
                        .body("field", equalTo(body[1])).body("detail", containsString(body[1] + " applies to "));
            }
        }
        assertEquals(List.of(), Stubs.holdsOf(own[0]), "nothing was held");
        as(own[1]).get("/v1/jobs").then().statusCode(200).body("items", hasSize(0));
        as(own[1]).delete("/v1/texture-profiles/" + profile).then().statusCode(204);
        as(own[1]).delete("/v1/images/" + other).then().statusCode(204);
    }

    /**
     * A field the job's type does not define was dropped as the body was read: {@code "Intensity": 90} and
     * {@code "mask_image_id"} ran (and billed) a full restore at 40, and the quote said nothing. Now a job body or a
     * quote with one is 400 naming each such field, nested ones by their path, with the defined field it most likely
     * meant; nothing is held or queued.
     */
    @Test
    void aFieldTheJobTypeDoesNotDefineIsA400NamingEachWithWhatItMeant() {
        String[] own = Api.tenantAndKey();
        String image = Api.upload(own[1]);
        String other = Api.upload(own[1]);
        String restore = "\"type\":\"texture-restore\",\"imageId\":\"" + image + "\"";
        String generate = "\"type\":\"generate\",\"prompt\":\"p\",\"enhancePrompt\":false";
        // body, the fields named (sorted), what each is suggested as ("" for none), a part of the detail
        List<String[]> refused = List.of(
                new String[] {"{" + restore + ",\"mask_image_id\":\"" + other + "\",\"Intensity\":90}", "Intensity,mask_image_id",
                        "intensity,maskImageId", "Intensity is not a field of texture-restore jobs; did you mean intensity?"},
                new String[] {"{" + restore + ",\"Intensity\":null}", "Intensity", "intensity", "did you mean intensity?"},
                new String[] {"{" + generate + ",\"texturePass\":{\"intensty\":90}}", "texturePass.intensty",
                        "texturePass.intensity", "texturePass.intensty is not a field of texturePass"},
                new String[] {"{" + generate + ",\"consent\":true,\"referenceImages\":[{\"imageId\":\"" + other
                        + "\",\"wieght\":0.6}]}", "referenceImages[0].wieght", "referenceImages[0].weight", "referenceImages[0].wieght"},
                new String[] {"{" + generate + ",\"intensity\":90}", "intensity", "", "intensity applies to texture-restore jobs only"},
                new String[] {"{\"type\":\"skin-inpaint\",\"imageId\":\"" + image + "\",\"maskImageId\":\"" + image
                        + "\",\"negativePrompt\":\"x\"}", "negativePrompt", "",
                        "skin-inpaint jobs take type, webhook, imageId, maskImageId, prompt, model"},
                new String[] {"{\"type\":\"source-restore\",\"imageId\":\"" + image + "\",\"upScale\":1,\"denoise\":\"off\"}",
                        "upScale", "upscale", "did you mean upscale?"},
                new String[] {"{\"type\":\"analyze\",\"imageId\":\"" + image + "\",\"callbackUrl\":\"https://x.example/\"}",
                        "callbackUrl", "", "callbackUrl is not a field of analyze jobs"},
                new String[] {"{\"typ\":\"texture-restore\",\"imageId\":\"" + image + "\"}", "typ", "type", "typ is not a field of any job type"});
        for (String[] row : refused) {
            List<String> fields = List.of(row[1].split(","));
            for (String path : List.of("/v1/jobs", "/v1/jobs/quote")) {
                JsonPath problem = as(own[1]).contentType("application/json").body(row[0]).post(path).then().statusCode(400)
                        .contentType("application/problem+json").body("type", equalTo("https://realskin.io/problems/invalid-request"))
                        .body("field", equalTo(fields.get(0))).body("detail", containsString(row[3])).extract().jsonPath();
                assertEquals(fields.size() > 1 ? fields : null, problem.getList("fields"), row[0]);
                List<String> meant = row[2].isEmpty() ? List.of() : List.of(row[2].split(","));
                for (int i = 0; i < meant.size(); i++) {
                    assertEquals(meant.get(i), problem.getMap("suggestions").get(fields.get(i)), row[0]);
                }
                if (meant.isEmpty()) {
                    assertNull(problem.get("suggestions"), row[0]);
                }
            }
        }
        assertEquals(List.of(), Stubs.holdsOf(own[0]), "nothing was held");
        as(own[1]).get("/v1/jobs").then().statusCode(200).body("items", hasSize(0));

        // every field a type defines passes, and a field of another type given as null is as absent
        String profile = as(own[1]).contentType("application/json").body("{\"imageId\":\"" + other + "\",\"consent\":true}")
                .post("/v1/texture-profiles").then().statusCode(201).extract().path("id");
        String webhook = ",\"webhook\":\"https://93.184.215.14/hook\"";
        for (String body : List.of(
                "{" + restore + ",\"intensity\":\"auto\",\"maskImageId\":\"" + other + "\",\"referenceImageId\":\"" + other
                        + "\",\"consent\":true,\"outputFormat\":\"png\"" + webhook + "}",
                "{" + restore + ",\"intensity\":90,\"profileId\":\"" + profile + "\",\"prompt\":null,\"upscale\":null}",
                "{\"type\":\"skin-inpaint\",\"imageId\":\"" + image + "\",\"maskImageId\":\"" + Api.uploadMask(own[1])
                        + "\",\"prompt\":\"pores\",\"model\":\"flux-pro-fill\"" + webhook + "}",
                "{" + generate + ",\"model\":\"nano-banana-pro\",\"consent\":true,\"referenceImages\":[{\"imageId\":\"" + other
                        + "\",\"weight\":0.6}],\"texturePass\":{\"intensity\":45},\"outputFormat\":\"png\"" + webhook + "}",
                "{\"type\":\"analyze\",\"imageId\":\"" + image + "\"" + webhook + "}",
                "{\"type\":\"source-restore\",\"imageId\":\"" + image + "\",\"upscale\":1,\"denoise\":\"auto\"" + webhook + "}")) {
            as(own[1]).contentType("application/json").body(body).post("/v1/jobs/quote").then().statusCode(200)
                    .body("credits", notNullValue());
        }
        as(own[1]).delete("/v1/texture-profiles/" + profile).then().statusCode(204);
    }

    /**
     * A mask of a few pixels ran a job, billed, that changed nothing to see: the Studio refused it, the API did not. Now
     * both refuse a mask painting less than the minimum (a 32 x 32 px patch, or a quarter of a smaller image), 422
     * mask-too-small naming it, before anything is held; a mask over it runs.
     */
    @Test
    void aMaskUnderTheMinimumAreaIs422BeforeAnyHold() {
        String[] own = Api.tenantAndKey();
        String image = as(own[1]).contentType("image/png").body(Api.png(200, 100)).post("/v1/images").then().statusCode(201)
                .extract().path("id");
        String speck = as(own[1]).contentType("image/png").body(Api.mask(200, 100, 8)).post("/v1/images").then().statusCode(201)
                .extract().path("id");
        String patch = as(own[1]).contentType("image/png").body(Api.mask(200, 100, 40)).post("/v1/images").then().statusCode(201)
                .extract().path("id");
        for (String type : List.of("texture-restore", "skin-inpaint")) {
            as(own[1]).contentType("application/json")
                    .body("{\"type\":\"" + type + "\",\"imageId\":\"" + image + "\",\"maskImageId\":\"" + speck + "\"}")
                    .post("/v1/jobs").then().statusCode(422).contentType("application/problem+json")
                    .body("type", equalTo("https://realskin.io/problems/mask-too-small"))
                    .body("field", equalTo("maskImageId")).body("minimumPixels", equalTo(1024))
                    .body("detail", containsString("at least 1,024 pixels"));
        }
        assertEquals(List.of(), Stubs.holdsOf(own[0]), "nothing was held");
        as(own[1]).get("/v1/jobs").then().statusCode(200).body("items", hasSize(0));
        String job = as(own[1]).contentType("application/json")
                .body("{\"type\":\"texture-restore\",\"imageId\":\"" + image + "\",\"maskImageId\":\"" + patch + "\"}")
                .post("/v1/jobs").then().statusCode(202).extract().path("id");
        assertEquals("HELD", Stubs.hold(job), "a 40 x 40 px mask is over the minimum: held and queued");
    }

    /**
     * A skin-inpaint costs 8 credits times the share of the image its mask paints (at least 1), but its quote and hold
     * went to billing without the share: a 1 % mask was quoted and held 8 and captured 1, and a tenant who could pay 1
     * got 402. Now both are priced at the most the mask may paint as the gateway measures it on the mask's thumbnail
     * (so the hold covers what the worker measures on the mask itself): 1, not estimated. A mask just under a price
     * step may cost a step less than the hold: quoted at the hold, estimated.
     */
    @Test
    void aSkinInpaintIsQuotedAndHeldByTheShareItsMaskPaints() throws Exception {
        String[] own = Api.tenantAndKey();
        String image = as(own[1]).contentType("image/png").body(Api.png(1000, 1000)).post("/v1/images").then().statusCode(201)
                .extract().path("id");
        String onePercent = as(own[1]).contentType("image/png").body(Api.mask(1000, 1000, 100)).post("/v1/images").then()
                .statusCode(201).extract().path("id");
        String inpaint = "{\"type\":\"skin-inpaint\",\"imageId\":\"" + image + "\",\"model\":\"gpt-image-2\",\"maskImageId\":\"";
        as(own[1]).contentType("application/json").body(inpaint + onePercent + "\"}").post("/v1/jobs/quote").then().statusCode(200)
                .body("credits", equalTo(1)).body("steps[0].estimated", equalTo(false));
        String job = as(own[1]).contentType("application/json").body(inpaint + onePercent + "\"}").post("/v1/jobs").then()
                .statusCode(202).extract().path("id");
        double held = EventJson.MAPPER.readTree(Stubs.quoteOf(job)).path("maskedFraction").asDouble(-1);
        assertTrue(held >= 0.01 && held <= 0.025, "held at about the 1 % the mask paints, not at the whole image: " + held);

        // 12.46 % costs 1 (8 x 0.1246, rounded up); the thumbnail's measure cannot rule out 12.5 % and more, which costs 2
        String nearAStep = as(own[1]).contentType("image/png").body(Api.mask(1000, 1000, 353)).post("/v1/images").then()
                .statusCode(201).extract().path("id");
        as(own[1]).contentType("application/json").body(inpaint + nearAStep + "\"}").post("/v1/jobs/quote").then().statusCode(200)
                .body("credits", equalTo(2)).body("steps[0].estimated", equalTo(true));
    }

    @Test
    void autoIntensityGoesToTheWorkerAndIsPricedLikeAnyLevel() {
        String own = Api.tenantAndKey()[1];
        String image = Api.upload(own);
        String auto = as(own).contentType("application/json")
                .body("{\"type\":\"texture-restore\",\"imageId\":\"" + image + "\",\"intensity\":\"auto\"}")
                .post("/v1/jobs").then().statusCode(202).body("request.intensity", equalTo("auto")).extract().path("id");
        var request = EventJson.readEnvelope(Events.await(Topics.TEXTURE_REQUESTS, auto, 1, KAFKA).get(0).value()).payload();
        assertTrue(request.path("autoIntensity").asBoolean(), request.toString());
        assertTrue(request.path("intensity").isMissingNode() || request.path("intensity").isNull(), request.toString());
        String fixed = Api.submitTexture(own, image);
        assertEquals("HELD", Stubs.hold(auto));
        assertEquals(Stubs.quoteOf(fixed), Stubs.quoteOf(auto), "auto is priced like a level: by megapixels");
        as(own).contentType("application/json").body("{\"type\":\"generate\",\"prompt\":\"p\",\"enhancePrompt\":false,"
                + "\"texturePass\":{\"intensity\":\"auto\"}}").post("/v1/jobs").then().statusCode(202);
        // an empty texture pass takes texture-restore's default, as an absent intensity does (it was 400 "must not be null")
        String emptyPass = "{\"type\":\"generate\",\"prompt\":\"p\",\"enhancePrompt\":false,\"texturePass\":{}}";
        as(own).contentType("application/json").body(emptyPass).post("/v1/jobs/quote").then().statusCode(200)
                .body("steps.step", equalTo(List.of("job", "texture-pass")));
        as(own).contentType("application/json").body(emptyPass).post("/v1/jobs").then().statusCode(202);
    }

    @Test
    void anIntensityNeitherALevelNorAutoIsA400Problem() {
        String image = Api.upload(key);
        for (String bad : List.of("\"high\"", "\"AUTO\"", "\"\"", "101", "-1", "40.5", "true", "{}", "[40]")) {
            as(key).contentType("application/json").body("{\"type\":\"texture-restore\",\"imageId\":\"" + image + "\",\"intensity\":" + bad + "}")
                    .post("/v1/jobs").then().statusCode(400).contentType("application/problem+json")
                    .body("type", equalTo("https://realskin.io/problems/invalid-request"))
                    .body("field", equalTo("intensity")).body("detail", equalTo("intensity: must be 0..100 or \"auto\""));
            as(key).contentType("application/json").body("{\"type\":\"generate\",\"prompt\":\"p\",\"texturePass\":{\"intensity\":" + bad + "}}")
                    .post("/v1/jobs").then().statusCode(400).body("field", equalTo("texturePass.intensity"))
                    .body("detail", equalTo("texturePass.intensity: must be 0..100 or \"auto\""));
        }
    }

    /**
     * A generate job's references: each image once, their stored bytes together at most 14 MiB; over either, a 400
     * invalid-request naming referenceImages (and the limit) before anything is held, for a quote as for a job. One
     * 30 MiB upload named fourteen times was 420 MB for one worker to send.
     */
    @Test
    void referenceImagesTwiceOrOverTheirByteLimitAre400BeforeAnyHold() throws Exception {
        String[] own = Api.tenantAndKey();
        String small = Api.upload(own[1]);
        String generate = "{\"type\":\"generate\",\"prompt\":\"p\",\"enhancePrompt\":false,\"consent\":true,\"referenceImages\":";
        String twice = generate + "[{\"imageId\":\"" + small + "\"},{\"imageId\":\"" + small + "\",\"weight\":0.4}]}";
        for (String path : List.of("/v1/jobs", "/v1/jobs/quote")) {
            as(own[1]).contentType("application/json").body(twice).post(path).then().statusCode(400)
                    .contentType("application/problem+json").body("type", equalTo("https://realskin.io/problems/invalid-request"))
                    .body("field", equalTo("referenceImages")).body("detail", containsString(small + " more than once"));
        }

        // two 7.7 MB photographs: 15.4 MB together, over the 14 MiB (14,680,064 bytes)
        String[] large = new String[2];
        for (int i = 0; i < large.length; i++) {
            large[i] = ImageQuotaTest.upload(own[1], ImageQuotaTest.noisePng(1600, 40 + i)).then().statusCode(201).extract().path("id");
        }
        String over = generate + "[{\"imageId\":\"" + large[0] + "\"},{\"imageId\":\"" + large[1] + "\"}]}";
        for (String path : List.of("/v1/jobs", "/v1/jobs/quote")) {
            as(own[1]).contentType("application/json").body(over).post(path).then().statusCode(400)
                    .contentType("application/problem+json").body("type", equalTo("https://realskin.io/problems/invalid-request"))
                    .body("field", equalTo("referenceImages")).body("limitBytes", equalTo(14 * 1024 * 1024))
                    .body("detail", containsString("at most 14680064"));
        }
        assertEquals(List.of(), Stubs.holdsOf(own[0]), "nothing was held");
        as(own[1]).get("/v1/jobs").then().statusCode(200).body("items", hasSize(0));

        // one of them alone fits
        as(own[1]).contentType("application/json").body(generate + "[{\"imageId\":\"" + large[0] + "\"}]}").post("/v1/jobs/quote")
                .then().statusCode(200);
        // and the worker's record carries the consent the gateway saw, for generation-service's own check
        String job = as(own[1]).contentType("application/json").body(generate + "[{\"imageId\":\"" + small + "\"}]}").post("/v1/jobs")
                .then().statusCode(202).extract().path("id");
        var record = EventJson.readEnvelope(Events.await(Topics.GENERATION_REQUESTS, job, 1, KAFKA).get(0).value()).payload();
        assertEquals(Boolean.TRUE, EventJson.MAPPER.convertValue(record, GenerationRequest.class).consent(), record.toString());
    }

    /**
     * A texture-restore toward a reference photo measures a person's skin as POST /v1/texture-profiles does, and needs the
     * same consent: without {@code "consent": true} it is 400 naming consent, at submit and at quote, nothing held or
     * queued. Before, it was queued and quoted without it, and {@code "consent": true} itself was refused ("consent
     * applies to generate jobs only"). A profileId needs none: the consent was given when the profile was made.
     */
    @Test
    void aTextureRestoreTowardAReferencePhotoNeedsConsent() throws Exception {
        String[] own = Api.tenantAndKey();
        String image = Api.upload(own[1]);
        String reference = Api.upload(own[1]);
        String restore = "{\"type\":\"texture-restore\",\"imageId\":\"" + image + "\",\"referenceImageId\":\"" + reference + "\"";
        for (String consent : List.of("", ",\"consent\":false", ",\"consent\":null")) {
            for (String path : List.of("/v1/jobs", "/v1/jobs/quote")) {
                as(own[1]).contentType("application/json").body(restore + consent + "}").post(path).then().statusCode(400)
                        .contentType("application/problem+json").body("type", equalTo("https://realskin.io/problems/invalid-request"))
                        .body("field", equalTo("consent")).body("detail", containsString("referenceImageId"));
            }
        }
        assertEquals(List.of(), Stubs.holdsOf(own[0]), "nothing was held");
        as(own[1]).get("/v1/jobs").then().statusCode(200).body("items", hasSize(0));

        as(own[1]).contentType("application/json").body(restore + ",\"consent\":true}").post("/v1/jobs/quote").then().statusCode(200);
        // the job records the key that gave the consent
        String job = as(own[1]).contentType("application/json").body(restore + ",\"consent\":true}").post("/v1/jobs").then()
                .statusCode(202).body("request.consent", equalTo(true)).body("createdBy", equalTo(Api.keyId(own[1])))
                .extract().path("id");
        var record = EventJson.readEnvelope(Events.await(Topics.TEXTURE_REQUESTS, job, 1, KAFKA).get(0).value()).payload();
        assertTrue(EventJson.MAPPER.convertValue(record, TextureRequest.class).referenceKey() != null, record.toString());

        // a profile carries the consent given when it was made
        String profile = as(own[1]).contentType("application/json").body("{\"imageId\":\"" + reference + "\",\"consent\":true}")
                .post("/v1/texture-profiles").then().statusCode(201).extract().path("id");
        as(own[1]).contentType("application/json").body("{\"type\":\"texture-restore\",\"imageId\":\"" + image
                + "\",\"profileId\":\"" + profile + "\"}").post("/v1/jobs/quote").then().statusCode(200);
    }

    @Test
    void invalidSubmissionsAre400() {
        String image = Api.upload(key);
        as(key).contentType("application/json").body("{\"type\":\"texture-restore\",\"imageId\":\"" + image + "\",\"intensity\":101}")
                .post("/v1/jobs").then().statusCode(400).body("type", equalTo("https://realskin.io/problems/invalid-request"))
                .body("detail", containsString("intensity"));
        as(key).contentType("application/json").body("{\"type\":\"paint\"}").post("/v1/jobs").then().statusCode(400);
        as(key).contentType("application/json").body("{\"type\":\"generate\",\"prompt\":\"p\",\"referenceImages\":[{\"imageId\":\""
                + image + "\"}]}").post("/v1/jobs").then().statusCode(400).body("detail", containsString("consent"));
        as(key).contentType("application/json").body("{\"type\":\"generate\",\"prompt\":\"p\",\"consent\":true,\"referenceImages\":"
                + "[{\"imageId\":\"" + image + "\",\"weight\":0.9}]}").post("/v1/jobs").then().statusCode(400);
        as(key).contentType("application/json").body("{not json").post("/v1/jobs").then().statusCode(400);
        as(key).get("/v1/jobs?limit=0").then().statusCode(400);
        as(key).get("/v1/jobs?cursor=garbage!").then().statusCode(400);
        as(key).get("/v1/jobs?status=sleeping").then().statusCode(400);
    }

    @Test
    void jobsArePagedNewestFirstWithFilters() {
        String[] own = Api.tenantAndKey();
        String image = Api.upload(own[1]);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(Api.submitTexture(own[1], image));
        }
        JsonPath first = as(own[1]).get("/v1/jobs?limit=2").then().statusCode(200).body("items", hasSize(2)).extract().jsonPath();
        assertEquals(List.of(ids.get(2), ids.get(1)), first.getList("items.id"));
        as(own[1]).queryParam("limit", 2).queryParam("cursor", first.getString("nextCursor")).get("/v1/jobs")
                .then().statusCode(200).body("items.id", equalTo(List.of(ids.get(0)))).body("nextCursor", nullValue());
        as(own[1]).get("/v1/jobs?status=completed").then().body("items", hasSize(0));
        as(own[1]).get("/v1/jobs?status=queued&type=texture-restore").then().body("items", hasSize(3));
    }

    /**
     * Each job records the API key that submitted it (createdBy), and the listing filters by it with the other filters
     * and the cursor: what a leaked key did can be listed. A key of another tenant, or none, matches nothing; an id that
     * cannot be one is 400 naming createdBy. Before, no job said which key made it and createdBy was ignored (every job).
     */
    @Test
    void jobsRecordTheKeyThatSubmittedThemAndAreListedByIt() {
        Api.TwoKeys keys = Api.twoKeys();
        String a = keys.a();
        String b = keys.b();
        String aId = keys.aId();
        String bId = keys.bId();
        String[] other = Api.tenantAndKey();
        String image = Api.upload(a);
        List<String> ofA = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ofA.add(Api.submitTexture(a, image));
        }
        String ofB = Api.submitTexture(b, image);
        String analysisOfB = as(b).get("/v1/images/" + image + "/analysis").then().statusCode(202).extract().path("jobId");
        as(a).get("/v1/jobs/" + ofA.get(0)).then().statusCode(200).body("createdBy", equalTo(aId));
        as(a).get("/v1/jobs/" + ofB).then().statusCode(200).body("createdBy", equalTo(bId));
        as(a).get("/v1/jobs/" + analysisOfB).then().statusCode(200).body("createdBy", equalTo(bId));

        JsonPath first = as(a).queryParam("createdBy", aId).queryParam("limit", 2).get("/v1/jobs").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(List.of(ofA.get(2), ofA.get(1)), first.getList("items.id"));
        assertEquals(List.of(aId, aId), first.getList("items.createdBy"));
        as(a).queryParam("createdBy", aId).queryParam("limit", 2).queryParam("cursor", first.getString("nextCursor")).get("/v1/jobs")
                .then().statusCode(200).body("items.id", equalTo(List.of(ofA.get(0)))).body("nextCursor", nullValue());
        as(a).queryParam("createdBy", bId).get("/v1/jobs").then().statusCode(200).body("items.id", equalTo(List.of(analysisOfB, ofB)));
        as(a).queryParam("createdBy", bId).queryParam("type", "analyze").get("/v1/jobs").then().statusCode(200)
                .body("items.id", equalTo(List.of(analysisOfB)));
        // another tenant's key: in either direction, an empty page
        as(a).queryParam("createdBy", Api.keyId(other[1])).get("/v1/jobs").then().statusCode(200).body("items", hasSize(0));
        as(other[1]).queryParam("createdBy", aId).get("/v1/jobs").then().statusCode(200).body("items", hasSize(0));
        as(a).queryParam("createdBy", "key_not one").get("/v1/jobs").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("createdBy"));
    }

    @Test
    void analysisRunsAnAnalyzeJobThenReadsItsResult() {
        String image = Api.upload(key);
        String job = as(key).get("/v1/images/" + image + "/analysis").then().statusCode(202)
                .header("Location", containsString("/v1/jobs/")).body("status", equalTo("queued")).extract().path("jobId");
        // asking again does not start a second one
        as(key).get("/v1/images/" + image + "/analysis").then().statusCode(202).body("jobId", equalTo(job));
        List<KafkaProbe.Received> requests = Events.await(Topics.TEXTURE_REQUESTS, job, 1, KAFKA);
        assertEquals("analyze", EventJson.readEnvelope(requests.get(0).value()).payload().path("operation").asText());
        Events.completed(tenant, job, null, 0, 0, "{\"faces\":1,\"plasticScore\":0.83,\"skinFraction\":0.2}");
        awaitStatus(job, "completed");
        as(key).get("/v1/images/" + image + "/analysis").then().statusCode(200).body("plasticScore", equalTo(0.83f))
                .body("analysis.faces", equalTo(1)).body("jobId", equalTo(job));
        // an analysis that has ended is answered at once: no wait was applied, so no Preference-Applied (RFC 7240)
        as(key).header("Prefer", "wait=30").get("/v1/images/" + image + "/analysis").then().statusCode(200)
                .body("jobId", equalTo(job)).header("Preference-Applied", nullValue());
        String readOnly = Api.key(tenant, "jobs:read");
        as(readOnly).get("/v1/images/" + Api.upload(key) + "/analysis").then().statusCode(403).body("requiredScope", equalTo("jobs:write"));
    }

    /**
     * A failed analysis was filtered out of the GET's "current" job, so each later GET (and HEAD: 404) of the image
     * started a new analyze job: a poller of an image whose analysis always fails made jobs without end. Now the GET
     * answers the failed job, starts nothing, and a new analysis is an explicit POST /v1/jobs, which the GET follows.
     */
    @Test
    void aFailedAnalysisIsAnsweredAsItIsAndNotStartedAgainByAGet() {
        String[] own = Api.tenantAndKey();
        String image = Api.upload(own[1]);
        String failed = as(own[1]).get("/v1/images/" + image + "/analysis").then().statusCode(202).extract().path("jobId");
        Events.failed(own[0], failed, "bad_image");
        Api.awaitJobStatus(own[1], failed, "failed", KAFKA);
        for (int i = 0; i < 3; i++) {
            as(own[1]).get("/v1/images/" + image + "/analysis").then().statusCode(202).body("jobId", equalTo(failed))
                    .body("status", equalTo("failed")).body("error.code", equalTo("bad_image"))
                    .header("Retry-After", nullValue()).header("Location", equalTo("/v1/jobs/" + failed));
        }
        as(own[1]).head("/v1/images/" + image + "/analysis").then().statusCode(202).header("Location", equalTo("/v1/jobs/" + failed));
        as(own[1]).get("/v1/jobs?type=analyze").then().statusCode(200).body("items", hasSize(1));
        // a new analysis is asked for explicitly, and the GET follows it
        String again = as(own[1]).contentType("application/json").body("{\"type\":\"analyze\",\"imageId\":\"" + image + "\"}")
                .post("/v1/jobs").then().statusCode(202).extract().path("id");
        as(own[1]).get("/v1/images/" + image + "/analysis").then().statusCode(202).body("jobId", equalTo(again))
                .body("status", equalTo("queued")).header("Retry-After", equalTo("2"));
    }

    @Test
    void generateWithTexturePassRunsTheFollowUpStep() throws Exception {
        String job = as(key).contentType("application/json")
                .body("{\"type\":\"generate\",\"prompt\":\"portrait of a man, professional headshot\",\"texturePass\":{\"intensity\":45}}")
                .post("/v1/jobs").then().statusCode(202).extract().path("id");
        List<KafkaProbe.Received> gen = Events.await(Topics.GENERATION_REQUESTS, job, 1, KAFKA);
        assertTrue(EventJson.readEnvelope(gen.get(0).value()).payload().path("prompt").asText().contains("visible pores"),
                "the prompt was enhanced by prompt-service: " + gen.get(0).value());
        Events.completed(tenant, job, resultBlob(80, 60), 80, 60, null);
        String step = job + "-tp";
        List<KafkaProbe.Received> texture = Events.await(Topics.TEXTURE_REQUESTS, step, 1, KAFKA);
        assertEquals(45, EventJson.readEnvelope(texture.get(0).value()).payload().path("intensity").asInt());
        as(key).get("/v1/jobs/" + job).then().body("status", equalTo("running")).body("stage", equalTo("texture-pass"))
                .body("result", nullValue());
        // the step runs on behalf of the key that submitted the generate job, and records it
        String keyId = Api.keyId(key);
        as(key).get("/v1/jobs/" + job).then().body("createdBy", equalTo(keyId));
        as(key).get("/v1/jobs/" + step).then().body("parentJobId", equalTo(job)).body("createdBy", equalTo(keyId));
        as(key).get("/v1/images/" + imageOfJob(job) + "/content").then().statusCode(404);
        Events.restored(tenant, step, resultBlob(80, 60), 80, 60);
        JsonPath done = awaitStatus(job, "completed");
        assertEquals(step, done.getString("result.texturePass.jobId"));
        assertEquals(done.getString("result.texturePass.imageId"), done.getString("result.imageId"));
        assertTrue(done.getString("result.generatedImageId") != null);
        // the step's report, so a client of the generate job sees the level each face got without reading the step
        assertEquals(41, done.getInt("result.texturePass.faceRestores[0].intensity"));
        assertEquals(0.7f, done.getFloat("result.texturePass.plasticScoreBefore"));
        assertEquals(0.2f, done.getFloat("result.texturePass.plasticScoreAfter"));
        assertEquals(412, done.getInt("result.texturePass.locality.changedPixels"));

        // each image names the job that made it: the generated one its generate job, the final one the step
        String generated = done.getString("result.generatedImageId");
        String fin = done.getString("result.imageId");
        as(key).get("/v1/images/" + generated).then().statusCode(200).body("jobId", equalTo(job)).body("createdBy", equalTo(keyId));
        as(key).get("/v1/images/" + fin).then().statusCode(200).body("jobId", equalTo(step)).body("createdBy", equalTo(keyId));
        as(key).get("/v1/images/" + generated + "/content").then().statusCode(200);
        as(key).get("/v1/images/" + fin + "/content").then().statusCode(200);
        // and migration V20 finds the same for images registered before it
        String backfill = MigrationSql.statement("V20__image_job.sql", "update images");
        try (Connection c = LocalStack.shared().postgres().connect("gateway")) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("update images set job_id = null where tenant_id = '" + tenant + "'");
                s.execute(backfill);
                ResultSet rows = s.executeQuery("select id, job_id from images where id in ('" + generated + "', '" + fin + "')");
                java.util.Map<String, String> found = new java.util.HashMap<>();
                while (rows.next()) {
                    found.put(rows.getString(1), rows.getString(2));
                }
                assertEquals(java.util.Map.of(generated, job, fin, step), found);
            } finally {
                c.rollback();
            }
        }
    }

    @Test
    void aQuoteChecksAndPricesAJobAsSubmittingWouldAndHoldsNothing() throws Exception {
        String[] own = Api.tenantAndKey();
        String image = Api.upload(own[1]);
        String restore = "{\"type\":\"texture-restore\",\"imageId\":\"" + image + "\",\"intensity\":55}";
        as(own[1]).contentType("application/json").body(restore).post("/v1/jobs/quote").then().statusCode(200)
                .body("credits", equalTo(2)).body("priceVersion", equalTo(2)).body("allowed", equalTo(true)).body("reason", nullValue())
                .body("steps", hasSize(1)).body("steps[0].step", equalTo("job")).body("steps[0].operation", equalTo("texture-restore"))
                .body("steps[0].tier", equalTo("standard")).body("steps[0].estimated", equalTo(false));
        as(own[1]).contentType("application/json")
                .body("{\"type\":\"generate\",\"prompt\":\"portrait of a man\",\"texturePass\":{\"intensity\":45}}")
                .post("/v1/jobs/quote").then().statusCode(200).body("credits", equalTo(12))
                .body("steps.step", equalTo(List.of("job", "texture-pass"))).body("steps[0].model", equalTo("nano-banana-pro"))
                .body("steps[1].operation", equalTo("texture-restore")).body("steps[1].estimated", equalTo(true));
        assertEquals(List.of(), Stubs.holdsOf(own[0]), "a quote holds nothing");
        as(own[1]).get("/v1/jobs").then().statusCode(200).body("items", hasSize(0));

        // billing is asked to price exactly what the hold of the same job carries
        String job = as(own[1]).contentType("application/json").body(restore).post("/v1/jobs").then().statusCode(202).extract().path("id");
        var sent = EventJson.MAPPER.readTree(Stubs.priceRequestsOf(own[0]));
        assertEquals(3, sent.size(), "one price request per step: " + sent);
        var held = EventJson.MAPPER.readTree(Stubs.quoteOf(job));
        for (String field : List.of("operation", "model", "megapixels", "maskedFraction")) {
            assertEquals(held.path(field), sent.get(0).path(field), field + " of " + sent.get(0) + " vs the hold's " + held);
        }
        assertEquals(own[0], sent.get(0).path("tenantId").asText(), "priced for the caller's tenant, whose plan decides");

        // the checks of submitting, before billing is asked
        as(own[1]).contentType("application/json").body("{\"type\":\"texture-restore\",\"imageId\":\"img_NoSuchImage0000000000\"}")
                .post("/v1/jobs/quote").then().statusCode(404).contentType(containsString("problem+json"));
        as(own[1]).contentType("application/json").body("{\"type\":\"generate\"}").post("/v1/jobs/quote").then().statusCode(400)
                .body("detail", containsString("prompt"));
        as(own[1]).contentType("application/json").body("{\"type\":\"generate\",\"prompt\":\"p\",\"model\":\"flux-pro-fill\"}")
                .post("/v1/jobs/quote").then().statusCode(400).body("detail", containsString("only inpaints"));
        for (String webhook : List.of("http://example.com/hook", "https://127.0.0.1/hook")) { // quoted 200 before, submit refused them
            as(own[1]).contentType("application/json").body(restore.replace("}", ",\"webhook\":\"" + webhook + "\"}"))
                    .post("/v1/jobs/quote").then().statusCode(400)
                    .body("type", equalTo("https://realskin.io/problems/webhook-url-refused")).body("field", equalTo("webhook"));
        }
        assertEquals(3, EventJson.MAPPER.readTree(Stubs.priceRequestsOf(own[0])).size(), "refused before billing was asked");

        // the plan's verdict, and billing's own refusal of the input
        Stubs.holdMode(own[0], "plan");
        as(own[1]).contentType("application/json").body("{\"type\":\"generate\",\"prompt\":\"portrait\",\"texturePass\":{\"intensity\":45}}")
                .post("/v1/jobs/quote").then().statusCode(200).body("allowed", equalTo(false))
                .body("reason", containsString("does not include")).body("credits", equalTo(12));
        Stubs.holdMode(own[0], "invalid");
        as(own[1]).contentType("application/json").body(restore).post("/v1/jobs/quote").then().statusCode(400)
                .body("type", equalTo("https://realskin.io/problems/invalid-request"));
        Stubs.holdMode(own[0], "ok");

        // read access is enough; without jobs:read it is 403
        String reader = Api.key(own[0], "jobs:read");
        as(reader).contentType("application/json").body(restore).post("/v1/jobs/quote").then().statusCode(200);
        as(Api.key(own[0], "billing:read")).contentType("application/json").body(restore).post("/v1/jobs/quote").then().statusCode(403);
    }

    static JsonPath awaitStatus(String job, String status) {
        return Api.awaitJobStatus(key, job, status, KAFKA);
    }
}
