package io.realskin.gateway;

import static io.realskin.gateway.Api.as;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.realskin.contracts.EventEnvelope;
import io.realskin.contracts.EventTypes;
import io.realskin.contracts.FailureCodes;
import io.realskin.contracts.JobFailed;
import io.realskin.contracts.blob.BlobKeys;
import io.realskin.gateway.common.Ids;
import io.realskin.gateway.config.GatewayConfig;
import io.realskin.gateway.images.UnusedUploadSweep;
import io.realskin.gateway.jobs.JobEventService;
import io.realskin.local.LocalStack;
import io.realskin.local.LocalStackResource;
import io.restassured.response.Response;
import io.smallrye.mutiny.TimeoutException;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/**
 * A request's database step (a job's, an API key's or an upload's transaction, a read) still running when its caller's
 * wait (realskin.database.timeout, short in {@link ShortLimits}) ends is answered 503, and a transaction never commits
 * afterwards: the caller may send it again. The job and key tests hold the transaction's locks in two parts, each below
 * what would cut one statement, together past the wait.
 */
@QuarkusTest
@TestProfile(ShortLimits.class)
@QuarkusTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
@QuarkusTestResource(StubBackends.class)
class DatabaseWaitTest {
    @Inject
    GatewayConfig config;

    @Inject
    UnusedUploadSweep unusedUploads;

    @Inject
    JobEventService jobEvents;

    /** Half the wait, then past it by a tenth: each part below the statement timeout (four fifths of the wait). */
    private long firstPartMillis() {
        return config.database().timeout().toMillis() / 2;
    }

    private long pastTheWaitMillis() {
        return config.database().timeout().toMillis() * 11 / 10;
    }

    /**
     * The job's insert waits for a table lock, then its per-tenant lock waits: it rolls back, and its hold is released.
     */
    @Test
    void aJobWhoseTransactionOutlastsTheSubmitNeverCommits() throws Exception {
        String[] own = Api.tenantAndKey();
        try (Connection tableLock = LocalStack.shared().postgres().connect("gateway");
             Connection tenantLock = LocalStack.shared().postgres().connect("gateway")) {
            tableLock.setAutoCommit(false);
            Sql.execute(tableLock, "lock table jobs in access exclusive mode");
            Sql.execute(tenantLock, "select pg_advisory_lock(hashtextextended(?, 0))", own[0]);
            CompletableFuture<Integer> submit = CompletableFuture.supplyAsync(() -> as(own[1]).contentType("application/json")
                    .body("{\"type\":\"generate\",\"prompt\":\"a portrait\",\"enhancePrompt\":false}").post("/v1/jobs").statusCode());
            Sql.awaitWaitingOnALock("insert into jobs%", Duration.ofSeconds(30));
            long writing = System.nanoTime();
            Thread.sleep(firstPartMillis());
            tableLock.rollback();
            Sql.awaitWaitingOnALock("%pg_advisory_xact_lock%", Duration.ofSeconds(5));
            Thread.sleep(Math.max(0, pastTheWaitMillis() - Duration.ofNanos(System.nanoTime() - writing).toMillis()));
            Sql.execute(tenantLock, "select pg_advisory_unlock(hashtextextended(?, 0))", own[0]);
            assertEquals(503, submit.join(), "the submit's wait ended first");
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!Stubs.holdsOf(own[0]).equals(List.of("RELEASED")) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(List.of("RELEASED"), Stubs.holdsOf(own[0]), "the hold was released once the transaction had rolled back");
        try (Connection c = LocalStack.shared().postgres().connect("gateway")) {
            assertEquals(0, Sql.count(c, "select count(*) from jobs where tenant_id = ?", own[0]), "no job committed after the 503");
        }
    }

    /**
     * The key creation waits for the tenant's key lock, then for the keys table: it rolls back, and the same request
     * then makes the key (the caller never saw the first one's secret).
     */
    @Test
    void aCreationAnswered503MakesNoKey() throws Exception {
        String tenant = Api.tenant("pro");
        String maker = Api.key(tenant, "jobs:read", "keys:write");
        String body = "{\"name\":\"late\",\"scopes\":[\"jobs:read\"]}";
        try (Connection tenantLock = LocalStack.shared().postgres().connect("gateway");
             Connection tableLock = LocalStack.shared().postgres().connect("gateway")) {
            Sql.execute(tenantLock, "select pg_advisory_lock(hashtextextended(?, 0))", "api_keys:" + tenant);
            CompletableFuture<Integer> creation = CompletableFuture.supplyAsync(() -> create(maker, body).extract().statusCode());
            Sql.awaitWaitingOnALock("%pg_advisory_xact_lock%", Duration.ofSeconds(30));
            long waiting = System.nanoTime();
            Thread.sleep(firstPartMillis());
            tableLock.setAutoCommit(false);
            Sql.execute(tableLock, "lock table api_keys in access exclusive mode");
            Sql.execute(tenantLock, "select pg_advisory_unlock(hashtextextended(?, 0))", "api_keys:" + tenant);
            Sql.awaitWaitingOnALock("%api_keys%", Duration.ofSeconds(5));
            Thread.sleep(Math.max(0, pastTheWaitMillis() - Duration.ofNanos(System.nanoTime() - waiting).toMillis()));
            tableLock.rollback();
            assertEquals(503, creation.join(), "the creation's wait ended first");
        }
        try (Connection c = LocalStack.shared().postgres().connect("gateway")) {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (Sql.count(c, "select count(*) from pg_stat_activity where pid <> pg_backend_pid() and state <> 'idle' "
                    + "and query like ?", "%api_keys%") > 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(0, Sql.count(c, "select count(*) from api_keys where tenant_id = ? and name = 'late'", tenant),
                    "no key committed after the 503");
        }
        create(maker, body).statusCode(201).body("name", equalTo("late"));
    }

    /**
     * The other request paths wait the same setting for the database: an upload whose transaction waits on its blob
     * key's lock, a read of an image and a read of a job, each waiting on its table's lock, are each answered the same
     * 503 once the wait is over (they waited 10 s, or for ever, before), and the upload never commits afterwards: sent
     * again, it makes one image. A sweep's step and the job-events consumer's give up at the same setting too (they
     * waited 15 s): the sweep tries again at its next tick, the consumer holds its record and retries it. All wait at
     * once, so the test waits the setting out once.
     */
    @Test
    void everyDatabaseStepWaitsTheSameSetting() throws Exception {
        String[] own = Api.tenantAndKey();
        String stored = Api.upload(own[1]);
        byte[] png = Api.png(64, 49);
        String blobKey = "images/" + own[0] + "/" + BlobKeys.sha256Hex(png);
        CompletableFuture<Response> upload;
        CompletableFuture<Response> imageRead;
        CompletableFuture<Response> jobRead;
        CompletableFuture<Integer> sweep;
        CompletableFuture<Void> consumerStep;
        try (Connection blobLock = LocalStack.shared().postgres().connect("gateway");
             Connection tableLocks = LocalStack.shared().postgres().connect("gateway")) {
            Sql.execute(blobLock, "select pg_advisory_lock(hashtextextended(?, 0))", blobKey);
            tableLocks.setAutoCommit(false);
            Sql.execute(tableLocks, "lock table images, jobs, processed_events in access exclusive mode");
            upload = CompletableFuture.supplyAsync(() -> as(own[1]).contentType("image/png").body(png).post("/v1/images"));
            imageRead = CompletableFuture.supplyAsync(() -> as(own[1]).get("/v1/images/" + stored + "/content"));
            jobRead = CompletableFuture.supplyAsync(() -> as(own[1]).get("/v1/jobs/" + Ids.job() + "/events"));
            sweep = CompletableFuture.supplyAsync(unusedUploads::sweep);
            consumerStep = CompletableFuture.runAsync(() -> jobEvents.apply(EventEnvelope.of(EventTypes.FAILED, own[0], Ids.job(),
                    new JobFailed(FailureCodes.CANCELED, "an event for no job"))));
            Sql.awaitWaitingOnALock("%pg_advisory_xact_lock%", Duration.ofSeconds(30));
            Sql.awaitWaitingOnALock("select * from (select * from images%", Duration.ofSeconds(30));
            Sql.awaitWaitingOnALock("select%from jobs%", Duration.ofSeconds(30));
            Sql.awaitWaitingOnALock("select tenant_id, id from images%", Duration.ofSeconds(30));
            Sql.awaitWaitingOnALock("insert into processed_events%", Duration.ofSeconds(30));
            Thread.sleep(pastTheWaitMillis()); // each began to wait before it was seen waiting
            Sql.execute(blobLock, "select pg_advisory_unlock(hashtextextended(?, 0))", blobKey);
            tableLocks.rollback();
        }
        assertAll(() -> assertDatabaseUnavailable(upload.join(), "the upload"),
                () -> assertDatabaseUnavailable(imageRead.join(), "the image read"),
                () -> assertDatabaseUnavailable(jobRead.join(), "the job read"),
                () -> assertWaitEnded(sweep, "the unused-upload sweep"),
                () -> assertWaitEnded(consumerStep, "the job-events consumer's step"));
        try (Connection c = LocalStack.shared().postgres().connect("gateway")) {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (Sql.count(c, "select count(*) from pg_stat_activity where pid <> pg_backend_pid() and state <> 'idle' "
                    + "and (query like ? or query like '%tenant_storage%' or query like '%pg_advisory_xact_lock%')", "%images%") > 0
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            as(own[1]).contentType("image/png").body(png).post("/v1/images").then().statusCode(201);
            assertEquals(2, Sql.count(c, "select count(*) from images where tenant_id = ?", own[0]),
                    "the upload answered 503 never committed; sent again, it made one image");
        }
    }

    private static void assertDatabaseUnavailable(Response answer, String what) {
        assertEquals(503, answer.statusCode(), what + "'s wait ended first (" + answer.contentType() + ")");
        answer.then().contentType("application/problem+json").header("Retry-After", "5")
                .body("type", endsWith("/backend-unavailable")).body("backend", equalTo("database"));
    }

    private static void assertWaitEnded(CompletableFuture<?> step, String what) {
        CompletionException ended = assertThrows(CompletionException.class, step::join, what + "'s wait ended first");
        assertInstanceOf(TimeoutException.class, ended.getCause(), what);
    }

    private static ValidatableResponse create(String key, String body) {
        return as(key).contentType("application/json").body(body).post("/v1/api-keys").then();
    }
}
