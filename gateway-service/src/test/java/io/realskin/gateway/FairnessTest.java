package io.realskin.gateway;

import static io.realskin.gateway.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.realskin.contracts.blob.BlobStore;
import io.realskin.gateway.jobs.WaitSlots;
import io.realskin.gateway.rest.BodyBudget;
import io.realskin.local.LocalStackResource;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.Socket;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * One tenant's load never holds up another's: a cap on a tenant's unfinished jobs, on its requests waiting for their
 * jobs (each holds a worker thread), webhooks that wait for no one.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
@QuarkusTestResource(StubBackends.class)
class FairnessTest {
    /** The free plan's cap on queued and running jobs (docs/api.md). */
    private static final int FREE_CAP = 5;
    /** realskin.webhooks.endpoint-concurrency's default. */
    private static final int ENDPOINT_CONCURRENCY = 4;
    /** realskin.jobs.max-waits-per-tenant's default. */
    private static final int WAITS_PER_TENANT = 8;

    /** realskin.bodies.max-in-flight-mib-per-tenant's default. */
    private static final long BODY_BYTES_PER_TENANT = 64L * 1024 * 1024;

    @Inject
    WaitSlots waitSlots;

    @Inject
    BlobStore blobs;

    @Inject
    BodyBudget bodies;

    @io.quarkus.test.common.http.TestHTTPResource("/")
    URL base;

    @Test
    void aTenantsUnfinishedJobsAreCappedByItsPlan() throws IOException {
        String tenant = Api.tenant("free");
        String key = Api.key(tenant, "jobs:write", "jobs:read");
        String image = Api.upload(key);
        List<String> jobs = new ArrayList<>();
        for (int i = 0; i < FREE_CAP; i++) {
            String type = i % 2 == 0 ? "analyze" : "texture-restore";
            jobs.add(as(key).contentType("application/json").body("{\"type\":\"" + type + "\",\"imageId\":\"" + image + "\"}")
                    .post("/v1/jobs").then().statusCode(202).extract().path("id"));
        }
        as(key).contentType("application/json").body("{\"type\":\"analyze\",\"imageId\":\"" + image + "\"}").post("/v1/jobs")
                .then().statusCode(429).contentType("application/problem+json")
                .body("type", equalTo("https://realskin.io/problems/too-many-jobs"))
                .body("limit", equalTo(FREE_CAP)).header("Retry-After", notNullValue());
        assertEquals(List.of("RELEASED"), Stubs.holdsOf(tenant).stream().filter("RELEASED"::equals).toList(),
                "the refused job's hold was released");
        // another tenant is not affected
        String[] other = Api.tenantAndKey();
        Api.submitTexture(other[1], Api.upload(other[1]));
        // a canceled job keeps its slot while its worker is still at it (a worker learns of a cancel best effort only) ...
        String canceled = jobs.get(1);
        as(key).post("/v1/jobs/" + canceled + "/cancel").then().statusCode(200);
        String analyze = "{\"type\":\"analyze\",\"imageId\":\"" + image + "\"}";
        as(key).contentType("application/json").body(analyze).post("/v1/jobs").then().statusCode(429)
                .body("type", equalTo("https://realskin.io/problems/too-many-jobs"));
        // ... and frees it when the worker reports the job's end; the result nobody receives is deleted
        String resultKey = "results/" + tenant + "/" + canceled + ".png";
        blobs.put(resultKey, Api.png(8, 8));
        Events.restored(tenant, canceled, resultKey, 8, 8);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (blobs.get(resultKey).isPresent() && System.nanoTime() < deadline) {
            pause();
        }
        assertTrue(blobs.get(resultKey).isEmpty(), "the canceled job's result was deleted");
        as(key).contentType("application/json").body(analyze).post("/v1/jobs").then().statusCode(202);
        as(key).get("/v1/jobs/" + canceled).then().statusCode(200).body("status", equalTo("canceled"));

        // a worker that stopped on a canceled job reports FAILED canceled: the slot frees, the job stays as canceled
        String stopped = jobs.get(3);
        as(key).post("/v1/jobs/" + stopped + "/cancel").then().statusCode(200);
        as(key).contentType("application/json").body(analyze).post("/v1/jobs").then().statusCode(429);
        Events.failed(tenant, stopped, "canceled");
        deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        int status = 429;
        while (status == 429 && System.nanoTime() < deadline) {
            status = as(key).contentType("application/json").body(analyze).post("/v1/jobs").then().extract().statusCode();
            if (status == 429) {
                pause();
            }
        }
        assertEquals(202, status, "the slot of the job its worker stopped on is free");
        as(key).get("/v1/jobs/" + stopped).then().statusCode(200).body("status", equalTo("canceled"))
                .body("error.code", equalTo("canceled")).body("error.message", equalTo("canceled by the user"));
    }

    @Test
    void aTenantsWaitsForItsJobsAreCappedSoTheyCannotHoldEveryWorkerThread() {
        String tenant = Api.tenant("pro");
        String key = Api.key(tenant, "jobs:write", "jobs:read");
        String image = Api.upload(key);
        String analyze = "{\"type\":\"analyze\",\"imageId\":\"" + image + "\"}";
        ExecutorService clients = Executors.newFixedThreadPool(WAITS_PER_TENANT);
        try {
            List<CompletableFuture<Response>> waiting = new ArrayList<>();
            for (int i = 0; i < WAITS_PER_TENANT; i++) {
                waiting.add(CompletableFuture.supplyAsync(() -> as(key).header("Prefer", "wait=60").contentType("application/json")
                        .body(analyze).post("/v1/jobs"), clients));
            }
            awaitWaits(WAITS_PER_TENANT);
            // one more: answered at once, the preference not applied (RFC 7240), the job queued as any other
            as(key).header("Prefer", "wait=60").contentType("application/json").body(analyze).post("/v1/jobs")
                    .then().statusCode(202).header("Preference-Applied", nullValue()).body("status", equalTo("queued"));
            as(key).header("Prefer", "wait=60").get("/v1/images/" + image + "/analysis")
                    .then().statusCode(202).header("Preference-Applied", nullValue());
            // another tenant's wait is its own
            String[] other = Api.tenantAndKey();
            as(other[1]).header("Prefer", "wait=1").contentType("application/json")
                    .body("{\"type\":\"analyze\",\"imageId\":\"" + Api.upload(other[1]) + "\"}").post("/v1/jobs")
                    .then().statusCode(202).header("Preference-Applied", "wait=1");
            // the waits end with their jobs
            List<String> queued = as(key).get("/v1/jobs?status=queued&limit=100").then().statusCode(200).extract().path("items.id");
            queued.forEach(job -> as(key).post("/v1/jobs/" + job + "/cancel").then().statusCode(200));
            for (CompletableFuture<Response> w : waiting) {
                w.join().then().statusCode(200).header("Preference-Applied", "wait=60").body("status", equalTo("canceled"));
            }
        } finally {
            clients.shutdownNow();
        }
    }

    private void awaitWaits(int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (waitSlots.inUse() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(waitSlots.inUse() + " requests wait, not " + count);
            }
            pause();
        }
    }

    @Test
    void aTenantsUploadsAndDownloadsInProgressAreBoundedBeforeTheirBodiesAreRead() throws Exception {
        String[] heavy = Api.tenantAndKey();
        String[] other = Api.tenantAndKey();
        String image = Api.upload(heavy[1]);
        long upload = 30L * 1024 * 1024;
        // two uploads announce 30 MiB each and send nothing yet: their bytes are held from their headers on
        try (Socket first = announceUpload(heavy[1], upload); Socket second = announceUpload(heavy[1], upload)) {
            awaitBodies(2 * upload);
            String answer;
            try (Socket third = announceUpload(heavy[1], BODY_BYTES_PER_TENANT - 2 * upload + 1)) {
                answer = RawHttp.readOneResponse(third.getInputStream());
            }
            assertTrue(answer.startsWith("HTTP/1.1 429"), answer);
            assertTrue(answer.contains("\"type\":\"https://realskin.io/problems/too-many-transfers\""), answer);
            assertTrue(answer.contains("\"limitBytes\":" + BODY_BYTES_PER_TENANT), answer);
            Api.upload(other[1]); // another tenant's upload goes through
            // the rest of the share held by a third upload: an image's content, sent from memory, waits too
            try (Socket rest = announceUpload(heavy[1], BODY_BYTES_PER_TENANT - 2 * upload - 1)) {
                awaitBodies(BODY_BYTES_PER_TENANT);
                as(heavy[1]).get("/v1/images/" + image + "/content").then().statusCode(429)
                        .body("type", equalTo("https://realskin.io/problems/too-many-transfers")).header("Retry-After", "1");
            }
        }
        awaitBodies(0); // a closed connection gives its bytes back
        Api.upload(heavy[1]);
        as(heavy[1]).get("/v1/images/" + image + "/content").then().statusCode(200);
        awaitBodies(0); // and so does a download once sent
    }

    @Test
    void aJsonBodyOverItsLimitIsRefusedBeforeItIsRead() {
        String[] caller = Api.tenantAndKey();
        as(caller[1]).contentType("application/json").body("{\"type\":\"analyze\",\"imageId\":\"" + "x".repeat(1024 * 1024) + "\"}")
                .post("/v1/jobs").then().statusCode(413).contentType("application/problem+json")
                .body("type", equalTo("https://realskin.io/problems/request-too-large"));
    }

    /** Sends an upload's headers announcing {@code length} bytes and none of the body. */
    private Socket announceUpload(String key, long length) throws IOException {
        return RawHttp.sendHead(base, "POST /v1/images HTTP/1.1", "Authorization: Bearer " + key, "Content-Type: image/jpeg",
                "Content-Length: " + length);
    }

    private void awaitBodies(long bytes) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (bodies.inFlightBytes() != bytes) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(bodies.inFlightBytes() + " bytes of bodies held, not " + bytes);
            }
            pause();
        }
    }

    @Test
    void aSlowReceiverNeverDelaysAnotherTenantsWebhook() {
        String[] slow = Api.tenantAndKey();
        String[] fast = Api.tenantAndKey();
        as(slow[1]).post("/v1/webhooks/secrets").then().statusCode(201);
        as(fast[1]).post("/v1/webhooks/secrets").then().statusCode(201);
        as(slow[1]).contentType("application/json").body(Map.of("url", Stubs.slowReceiverUrl("/hooks/" + slow[0])))
                .put("/v1/webhooks").then().statusCode(200);
        // the same host and port as the slow tenant's: slots are per tenant and endpoint (until 2026-12-07 they were per
        // endpoint, and this delivery waited for the slow tenant's attempts to time out)
        String fastPath = "/at-once/" + fast[0];
        as(fast[1]).contentType("application/json").body(Map.of("url", Stubs.slowReceiverUrl(fastPath))).put("/v1/webhooks")
                .then().statusCode(200);
        try {
            String slowImage = Api.upload(slow[1]);
            int slowDeliveries = ENDPOINT_CONCURRENCY + 2;
            for (int i = 0; i < slowDeliveries; i++) {
                String job = Api.submitTexture(slow[1], slowImage);
                as(slow[1]).post("/v1/jobs/" + job + "/cancel").then().statusCode(200);
            }
            awaitHeldBySlowReceiver(ENDPOINT_CONCURRENCY);

            String fastJob = Api.submitTexture(fast[1], Api.upload(fast[1]));
            as(fast[1]).post("/v1/jobs/" + fastJob + "/cancel").then().statusCode(200);
            awaitWebhook(fastPath); // within 30 s, half the attempts' timeout here (60 s, StubBackends)

            // the fast tenant's webhook went out while every attempt to the slow receiver was still waiting for it
            JsonPath slowLog = as(slow[1]).get("/v1/webhooks/deliveries").then().statusCode(200).extract().jsonPath();
            assertEquals(slowDeliveries, slowLog.getList("items").size());
            assertEquals(List.of(), slowLog.getList("items.log.flatten()"), "no attempt to the slow receiver has ended yet");
            // an attempt in flight has no next attempt (it showed the end of its lease, 2 x timeout + 30 s ahead)
            assertEquals(ENDPOINT_CONCURRENCY, slowLog.getList("items.findAll { it.nextAttemptAt == null }").size(), slowLog.prettify());
            Map<String, Integer> held = Stubs.slowReceiver();
            assertTrue(held.get("max") <= ENDPOINT_CONCURRENCY, "at most " + ENDPOINT_CONCURRENCY + " at once to one endpoint: " + held);
        } finally {
            Stubs.releaseSlowReceiver();
        }
    }

    private static void awaitHeldBySlowReceiver(int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (Stubs.slowReceiver().get("inFlight") < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the slow receiver holds " + Stubs.slowReceiver());
            }
            pause();
        }
    }

    private static void awaitWebhook(String path) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (Stubs.webhooks().stream().noneMatch(w -> path.equals(w.get("path")))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no webhook at " + path);
            }
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
