package io.realskin.gateway;

import static io.realskin.gateway.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.realskin.contracts.blob.BlobKeys;
import io.realskin.contracts.blob.BlobStore;
import io.realskin.gateway.config.GatewayConfig;
import io.realskin.gateway.images.ThumbnailWidths;
import io.realskin.gateway.tenants.TenantErasureSweep;
import io.realskin.gateway.tenants.TenantErasureSweep.Outcome;
import io.realskin.local.LocalStack;
import io.realskin.local.LocalStackResource;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * DELETE /v1/admin/tenants/{id} (docs/api.md, "Erasing a tenant"): refused for the admin tenant, an active tenant and one
 * with queued or running jobs; otherwise the tenant is marked erasing, and the erasure sweep (called here directly, its
 * schedule is an hour in tests) removes its rows and blobs in batches, resumes where a batch stopped, waits for billing
 * while it is down, and leaves a tombstone. Another tenant's rows and blobs, the same bytes included, are untouched.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
@QuarkusTestResource(StubBackends.class)
class TenantErasureTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String PROBLEMS = "https://realskin.io/problems/";

    @Inject
    TenantErasureSweep sweep;

    @Inject
    BlobStore blobs;

    @Inject
    GatewayConfig config;

    @Inject
    MeterRegistry registry;

    private static Response erase(String tenant) {
        return Api.admin().delete("/v1/admin/tenants/" + tenant);
    }

    private static void suspend(String tenant) {
        Api.admin().contentType("application/json").body("{\"reason\":\"contract ended\"}").post("/v1/admin/tenants/" + tenant + "/suspend")
                .then().statusCode(200);
    }

    @Test
    void onlyASuspendedTenantWithoutUnfinishedJobsIsErasedAndAskingAgainStartsNothing() throws Exception {
        erase("ten_nosuchtenant" + UUID.randomUUID().toString().substring(0, 8)).then().statusCode(404)
                .body("type", equalTo(PROBLEMS + "not-found"));
        erase(config.adminTenant()).then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo(PROBLEMS + "tenant-not-erasable"));
        String[] tk = Api.tenantAndKey();
        erase(tk[0]).then().statusCode(409).body("type", equalTo(PROBLEMS + "tenant-not-suspended"));
        as(tk[1]).get("/v1/images").then().statusCode(200);

        String job = "job_erase" + tk[0].substring(4);
        try (Connection c = LocalStack.shared().postgres().connect("gateway")) {
            Sql.execute(c, "insert into jobs (id, tenant_id, type, status, request) values (?, ?, 'texture-restore', 'queued', '{}'::jsonb)",
                    job, tk[0]);
            suspend(tk[0]);
            erase(tk[0]).then().statusCode(409).body("type", equalTo(PROBLEMS + "tenant-has-unfinished-jobs"))
                    .body("unfinishedJobs", equalTo(1)).body("detail", org.hamcrest.Matchers.containsString("/jobs/cancel"));
            // canceled, and its worker has reported its end (else the erasure waits for it: the test below)
            Sql.execute(c, "update jobs set status = 'canceled', finished_at = now(), worker_ended_at = now() where id = ?", job);
        }

        String requested = erase(tk[0]).then().statusCode(202).header("Location", "/v1/admin/tenants/" + tk[0])
                .body("id", equalTo(tk[0])).body("status", equalTo("erasing")).body("eraseRequestedAt", notNullValue())
                .body("erasedAt", nullValue()).extract().path("eraseRequestedAt");
        erase(tk[0]).then().statusCode(202).body("status", equalTo("erasing")).body("eraseRequestedAt", equalTo(requested));
        Api.admin().get("/v1/admin/tenants/" + tk[0]).then().statusCode(200).body("status", equalTo("erasing"))
                .body("erasureLeft.jobs", equalTo(1)).body("erasureLeft.apiKeys", equalTo(1));
        Api.admin().post("/v1/admin/tenants/" + tk[0] + "/resume").then().statusCode(409).body("type", equalTo(PROBLEMS + "tenant-erased"));
        Api.admin().contentType("application/json").body("{\"tenantId\":\"" + tk[0] + "\",\"live\":false,\"scopes\":[\"jobs:read\"]}")
                .post("/v1/admin/api-keys").then().statusCode(409).body("type", equalTo(PROBLEMS + "tenant-erased"));
        as(tk[1]).get("/v1/images").then().statusCode(403).body("type", equalTo(PROBLEMS + "tenant-suspended"));

        // a job that got in as the tenant was being suspended: the sweep waits for an operator to cancel it
        try (Connection c = LocalStack.shared().postgres().connect("gateway")) {
            Sql.execute(c, "insert into jobs (id, tenant_id, type, status, request) values (?, ?, 'texture-restore', 'running', '{}'::jsonb)",
                    job + "-late", tk[0]);
            assertEquals(Outcome.WAITING_FOR_JOBS, sweep.erase(tk[0], 10));
            assertEquals(2, Sql.count(c, "select count(*) from jobs where tenant_id = ?", tk[0]), "nothing erased meanwhile");
            sweep.sweep();
            assertTrue(waitingForJobs() >= 1, "the alert's gauge counts the erasure waiting for its job");
            Sql.execute(c, "update jobs set status = 'canceled', finished_at = now(), worker_ended_at = now() where id = ?", job + "-late");
        }
        // the scheduled sweep's own entry: one batch of every erasing tenant per run
        for (int run = 0; run < 20 && !"erased".equals(Api.admin().get("/v1/admin/tenants/" + tk[0]).path("status")); run++) {
            sweep.sweep();
        }
        Api.admin().get("/v1/admin/tenants/" + tk[0]).then().body("status", equalTo("erased"));
        assertEquals(0, waitingForJobs(), "no erasure waits for a job any more");
    }

    @Test
    void aSuspendedTenantIsErasedInBatchesToATombstoneAndAnotherTenantKeepsItsOwn() throws Exception {
        String[] other = Api.tenantAndKey();
        String othersImage = Api.upload(other[1]);
        String othersBlob = "images/" + other[0] + "/" + as(other[1]).get("/v1/images/" + othersImage).path("sha256");
        byte[] othersBytes = as(other[1]).get("/v1/images/" + othersImage + "/content").then().statusCode(200).extract().asByteArray();

        String[] tk = Api.tenantAndKey();
        String secondKey = Api.key(tk[0], "jobs:read");
        as(tk[1]).post("/v1/webhooks/secrets").then().statusCode(201);
        as(tk[1]).contentType("application/json").body(Map.of("url", Stubs.receiverUrl("/erased/" + tk[0]))).put("/v1/webhooks")
                .then().statusCode(200);
        String image = as(tk[1]).header("Idempotency-Key", "erase-upload-" + tk[0]).contentType("image/png").body(Api.png(64, 48))
                .post("/v1/images").then().statusCode(201).extract().path("id");
        String blobKey = "images/" + tk[0] + "/" + as(tk[1]).get("/v1/images/" + image).path("sha256");
        Api.upload(tk[1]); // the same bytes again: a second row naming the same blob
        as(tk[1]).get("/v1/images/" + image + "/thumbnail?width=160").then().statusCode(200);
        String thumbnail = ThumbnailWidths.key(blobKey, 160);
        String profile = as(tk[1]).contentType("application/json").body("{\"imageId\":\"" + image + "\",\"consent\":true}")
                .post("/v1/texture-profiles").then().statusCode(201).extract().path("id");
        String job = Api.submitTexture(tk[1], image);
        String resultKey = "results/" + tk[0] + "/" + UUID.randomUUID() + ".png";
        blobs.put(resultKey, Api.png(64, 48));
        Events.restored(tk[0], job, resultKey, 64, 48);
        Api.awaitJobStatus(tk[1], job, "completed", WAIT);
        // named by no row: texture-service's completion record beside the result, and another tenant's under its own prefix
        String completionRecord = resultKey + ".completed.json";
        blobs.put(completionRecord, "{}".getBytes(StandardCharsets.UTF_8));
        String othersRecord = "results/" + other[0] + "/" + UUID.randomUUID() + ".completed.json";
        blobs.put(othersRecord, "{}".getBytes(StandardCharsets.UTF_8));
        String profileBlob;
        try (Connection c = LocalStack.shared().postgres().connect("gateway")) {
            await(() -> count(c, "select count(*) from webhook_deliveries where tenant_id = ?", tk[0]) > 0, "its webhook delivery");
            try (var ps = c.prepareStatement("select blob_key from texture_profiles where id = ?")) {
                ps.setString(1, profile);
                try (var rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                    profileBlob = rs.getString(1);
                }
            }
        }
        for (String key : List.of(blobKey, thumbnail, resultKey, profileBlob, othersBlob)) {
            assertTrue(blobs.exists(key), key);
        }

        double erasedBefore = registry.counter("realskin.gateway.tenants.erased").count();
        suspend(tk[0]);
        erase(tk[0]).then().statusCode(202).body("status", equalTo("erasing"));
        int images = Api.admin().get("/v1/admin/tenants/" + tk[0]).then().statusCode(200).extract().path("erasureLeft.images");
        assertEquals(3, images, "two uploads and the job's result");

        // one batch of one row, as a sweep that stopped after it (a crash, a replica shut down): the rest stays for the next
        assertEquals(Outcome.PROGRESS, sweep.erase(tk[0], 1));
        Api.admin().get("/v1/admin/tenants/" + tk[0]).then().body("status", equalTo("erasing")).body("erasureLeft.images", equalTo(2));

        Stubs.up("billing", false);
        Outcome outcome;
        try {
            outcome = eraseUntilItStops(tk[0]);
        } finally {
            Stubs.up("billing", true);
        }
        assertEquals(Outcome.WAITING_FOR_BILLING, outcome, "billing down: the tenant stays erasing");
        Api.admin().get("/v1/admin/tenants/" + tk[0]).then().body("status", equalTo("erasing")).body("name", notNullValue());
        assertEquals(Outcome.ERASED, eraseUntilItStops(tk[0]));
        assertEquals(Outcome.NOT_ERASING, sweep.erase(tk[0], 100));
        assertEquals(erasedBefore + 1, registry.counter("realskin.gateway.tenants.erased").count(), 1e-9);
        assertTrue(registry.counter("realskin.gateway.tenants.erased.rows", "kind", "images").count() >= 3);
        assertTrue(Stubs.closedAccounts().contains(tk[0]));

        try (Connection c = LocalStack.shared().postgres().connect("gateway")) {
            for (String table : List.of("images", "texture_profiles", "jobs", "webhook_deliveries", "webhook_secrets", "tenant_webhooks",
                    "api_keys", "idempotency_keys", "storage_reservations", "tenant_storage")) {
                assertEquals(0, Sql.count(c, "select count(*) from " + table + " where tenant_id = ?", tk[0]), table);
            }
            assertEquals(0, Sql.count(c, "select count(*) from job_history where job_id = ?", job));
            assertEquals(3, Sql.count(c, "select (erased_rows ->> 'images')::bigint from tenants where id = ?", tk[0]));
            assertEquals(2, Sql.count(c, "select (erased_rows ->> 'api_keys')::bigint from tenants where id = ?", tk[0]));
        }
        for (String key : List.of(blobKey, thumbnail, resultKey, profileBlob, completionRecord)) {
            assertFalse(blobs.exists(key), key);
        }
        for (String prefix : BlobKeys.tenantPrefixes(tk[0])) {
            assertEquals(List.of(), blobs.keysUnder(prefix, 10), prefix);
        }
        assertTrue(blobs.exists(othersRecord), "another tenant's blob under its own prefix");
        Api.admin().get("/v1/admin/tenants/" + tk[0]).then().statusCode(200).body("status", equalTo("erased"))
                .body("name", nullValue()).body("suspendedReason", nullValue()).body("erasedAt", notNullValue())
                .body("erasureLeft", nullValue()).body("activeKeys", equalTo(0));
        Api.admin().queryParam("q", tk[0]).get("/v1/admin/tenants").then().body("items[0].status", equalTo("erased"));
        erase(tk[0]).then().statusCode(200).body("status", equalTo("erased"));
        for (String key : List.of(tk[1], secondKey)) {
            as(key).get("/v1/images").then().statusCode(401).body("type", equalTo(PROBLEMS + "unauthorized"));
        }

        // a late COMPLETED of its job (a worker that finished after the erasure): nothing is made again, its result goes
        String late = "results/" + tk[0] + "/" + UUID.randomUUID() + ".png";
        blobs.put(late, Api.png(64, 48));
        Events.restored(tk[0], job, late, 64, 48);
        await(() -> !exists(late), "the late result deleted");
        try (Connection c = LocalStack.shared().postgres().connect("gateway")) {
            assertEquals(0, Sql.count(c, "select count(*) from images where tenant_id = ?", tk[0]));
        }

        assertTrue(blobs.exists(othersBlob), "the other tenant's blob of the same bytes");
        assertArrayEquals(othersBytes, as(other[1]).get("/v1/images/" + othersImage + "/content").then().statusCode(200)
                .extract().asByteArray());
    }

    /**
     * A job canceled while its worker runs (a worker finishes a running job it learns is canceled, or stops at its next
     * stage): the erasure waits for the worker's end (its COMPLETED or FAILED sets worker_ended_at) before it removes
     * anything, so what the worker writes under the tenant's prefixes (texture-service's completion record beside the
     * result) is swept with the rest. A worker not heard from within the longest stale-job timeout since its job's creation
     * is not waited for. Until 2026-12-07 the erasure went on at once, and a completion record written after its blob sweep
     * stayed for good.
     */
    @Test
    void anErasureWaitsForTheWorkerOfACanceledJobAndSweepsWhatItWrote() throws Exception {
        String[] tk = Api.tenantAndKey();
        String job = "job_erasewk" + tk[0].substring(4);
        try (Connection c = LocalStack.shared().postgres().connect("gateway")) {
            Sql.execute(c, "insert into jobs (id, tenant_id, type, status, request) values (?, ?, 'texture-restore', 'running', '{}'::jsonb)",
                    job, tk[0]);
            // canceled a day ago, its worker never heard from: past the longest stale-job timeout, not waited for
            Sql.execute(c, "insert into jobs (id, tenant_id, type, status, request, created_at, finished_at) values (?, ?, "
                    + "'texture-restore', 'canceled', '{}'::jsonb, now() - interval '1 day', now() - interval '1 day')", job + "-gone", tk[0]);
            suspend(tk[0]);
            Sql.execute(c, "update jobs set status = 'canceled', finished_at = now() where id = ?", job);
        }
        erase(tk[0]).then().statusCode(202).body("status", equalTo("erasing"));

        assertEquals(Outcome.WAITING_FOR_WORKERS, eraseUntilItStops(tk[0]), "the erasure waits for the canceled job's worker");
        Api.admin().get("/v1/admin/tenants/" + tk[0]).then().body("status", equalTo("erasing")).body("erasureLeft.jobs", equalTo(2));

        // the worker finishes: its result and completion record stored, then its COMPLETED (the gateway deletes the result)
        String resultKey = "results/" + tk[0] + "/" + UUID.randomUUID() + ".png";
        String completionRecord = resultKey + ".completed.json";
        blobs.put(resultKey, Api.png(64, 48));
        blobs.put(completionRecord, "{}".getBytes(StandardCharsets.UTF_8));
        Events.restored(tk[0], job, resultKey, 64, 48);
        try (Connection c = LocalStack.shared().postgres().connect("gateway")) {
            await(() -> count(c, "select count(*) from jobs where id = ? and worker_ended_at is not null", job) == 1
                    || count(c, "select count(*) from jobs where id = ?", job) == 0, "the worker's end recorded");
        }
        await(() -> !exists(resultKey), "the late result deleted");

        eraseUntilItStops(tk[0]);
        Api.admin().get("/v1/admin/tenants/" + tk[0]).then().body("status", equalTo("erased"));
        assertFalse(blobs.exists(completionRecord), "the worker's completion record is erased with the rest");
        for (String prefix : BlobKeys.tenantPrefixes(tk[0])) {
            assertEquals(List.of(), blobs.keysUnder(prefix, 10), prefix);
        }
    }

    /** Batches until one does not make progress: its outcome (a bound, so a sweep that never ends fails the test). */
    private Outcome eraseUntilItStops(String tenant) {
        for (int i = 0; i < 20; i++) {
            Outcome outcome = sweep.erase(tenant, 100);
            if (outcome != Outcome.PROGRESS) {
                return outcome;
            }
        }
        throw new AssertionError("the erasure of " + tenant + " was still in progress after 20 batches");
    }

    /** Polls until the condition holds; fails after {@link #WAIT}. */
    private static void await(java.util.function.BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached: " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private boolean exists(String key) {
        try {
            return blobs.exists(key);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static long count(Connection c, String sql, String arg) {
        try {
            return Sql.count(c, sql, arg);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** TenantErasureStuck's gauge, as this replica's last sweep left it. */
    private double waitingForJobs() {
        return registry.get("realskin.gateway.tenants.erasure.waiting").tag("reason", "jobs").gauge().value();
    }
}
