package io.realskin.gateway;

import static io.realskin.gateway.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.realskin.contracts.Topics;
import io.realskin.contracts.blob.BlobStore;
import io.realskin.gateway.jobs.StaleJobCheck;
import io.realskin.gateway.jobs.StaleJobCheck.Action;
import io.realskin.gateway.jobs.StaleJobCheck.Finding;
import io.realskin.local.KafkaProbe;
import io.realskin.local.LocalStack;
import io.restassured.path.json.JsonPath;
import io.realskin.local.LocalStackResource;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Jobs left queued past their type's timeout (as the job events of a database outage once left them) are reconciled
 * with billing's hold: HELD or CAPTURED texture jobs get their request again (the worker answers from its stored
 * result), RELEASED or EXPIRED ones end failed, generation jobs are reported; a second check repeats nothing.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
@QuarkusTestResource(StubBackends.class)
class StaleJobsTest {
    private static final Duration KAFKA = Duration.ofSeconds(30);

    @Inject
    StaleJobCheck check;

    @Inject
    BlobStore blobs;

    @Test
    void staleJobsAreReconciledWithBillingsHoldAndTheWorkersStoredResult() throws Exception {
        String[] tk = Api.tenantAndKey();
        String tenant = tk[0];
        String key = tk[1];
        String image = Api.upload(key);
        String captured = Api.submitTexture(key, image);
        String held = Api.submitTexture(key, image);
        String released = Api.submitTexture(key, image);
        String expired = Api.submitTexture(key, image);
        String fresh = Api.submitTexture(key, image);
        String generate = as(key).contentType("application/json").body("{\"type\":\"generate\",\"prompt\":\"a portrait\",\"enhancePrompt\":false}")
                .post("/v1/jobs").then().statusCode(202).extract().path("id");
        Events.await(Topics.TEXTURE_REQUESTS, captured, 1, KAFKA);
        Events.await(Topics.GENERATION_REQUESTS, generate, 1, KAFKA);
        for (String job : List.of(captured, held, released, expired, generate)) {
            age(job);
        }
        Stubs.holdState(captured, "CAPTURED");
        Stubs.holdState(released, "RELEASED");
        Stubs.holdState(expired, "EXPIRED");

        Map<String, Finding> found = mine(check.check(), Set.of(captured, held, released, expired, fresh, generate));
        assertEquals(Action.REQUESTED_AGAIN, found.get(captured).action());
        assertEquals(Action.REQUESTED_AGAIN, found.get(held).action());
        assertEquals(Action.ENDED_FAILED, found.get(released).action());
        assertEquals(Action.ENDED_FAILED, found.get(expired).action());
        assertEquals(Action.REPORTED, found.get(generate).action(), "a generation has no stored result to answer from");
        assertFalse(found.containsKey(fresh), "a job within its timeout is left alone");

        // the request goes out again byte for byte: the worker finds its stored result and re-emits the same COMPLETED
        List<KafkaProbe.Received> requests = Events.await(Topics.TEXTURE_REQUESTS, captured, 2, KAFKA);
        assertEquals(2, requests.size());
        assertEquals(requests.get(0).value(), requests.get(1).value());
        String resultKey = "results/" + tenant + "/" + java.util.UUID.randomUUID() + ".png";
        blobs.put(resultKey, Api.png(64, 48));
        Events.completed(tenant, captured, resultKey, 64, 48, null);
        Api.awaitJobStatus(key, captured, "completed", KAFKA);

        for (String job : List.of(released, expired)) {
            JsonPath failed = as(key).get("/v1/jobs/" + job).then().statusCode(200).extract().jsonPath();
            assertEquals("failed", failed.getString("status"));
            assertEquals(StaleJobCheck.NO_RESULT, failed.getString("error.code"));
        }

        // a result that comes after the job ended no_result is not taken, and its blob is not left behind
        String lateKey = "results/" + tenant + "/" + java.util.UUID.randomUUID() + ".png";
        blobs.put(lateKey, Api.png(64, 48));
        Events.completed(tenant, released, lateKey, 64, 48, null);
        awaitBlobGone(lateKey);
        assertEquals("failed", as(key).get("/v1/jobs/" + released).then().statusCode(200).extract().path("status"));
        // ... while a completed job's COMPLETED said again keeps the blob its image names
        Events.completed(tenant, captured, resultKey, 64, 48, null);
        Events.failed(tenant, captured, "internal");
        awaitApplied(captured, "FAILED");
        assertTrue(blobs.get(resultKey).isPresent(), "the completed job's image still has its blob");
        String imageId = as(key).get("/v1/jobs/" + captured).then().statusCode(200).extract().path("result.imageId");
        as(key).get("/v1/images/" + imageId + "/content").then().statusCode(200);

        // at once again: the requests just sent are not repeated, the ended jobs are gone from the report
        Map<String, Finding> again = mine(check.check(), Set.of(captured, held, released, expired, generate));
        assertEquals(Set.of(held, generate), again.keySet());
        assertEquals(Action.REPORTED, again.get(held).action(), "its request was sent again less than a timeout ago");
        awaitOutboxSent(generate); // a request sent again goes through the outbox: once it is empty, it would be on the topic
        try (KafkaProbe probe = Events.probe()) {
            assertEquals(1, probe.readToEnd(Topics.GENERATION_REQUESTS, r -> generate.equals(r.key()), KAFKA).size());
        }
    }

    /** Until none of the job's outbox records waits to be published. */
    private static void awaitOutboxSent(String job) throws Exception {
        long until = System.nanoTime() + KAFKA.toNanos();
        try (Connection c = LocalStack.shared().postgres().connect("gateway")) {
            while (Sql.count(c, "select count(*) from outbox where record_key = ? and published_at is null", job) > 0) {
                assertTrue(System.nanoTime() < until, "the outbox records of job " + job + " were never published");
                Thread.sleep(100);
            }
        }
    }

    private static Map<String, Finding> mine(List<Finding> findings, Set<String> jobs) {
        return findings.stream().filter(f -> jobs.contains(f.jobId())).collect(Collectors.toMap(Finding::jobId, Function.identity()));
    }

    private void awaitBlobGone(String blobKey) throws Exception {
        long until = System.nanoTime() + KAFKA.toNanos();
        while (blobs.get(blobKey).isPresent()) {
            assertTrue(System.nanoTime() < until, "the late result " + blobKey + " was never deleted");
            Thread.sleep(100);
        }
    }

    /** Waits until the gateway has applied an event of this type for the job (events of one job are applied in order). */
    private static void awaitApplied(String job, String type) throws Exception {
        long until = System.nanoTime() + KAFKA.toNanos();
        try (Connection c = LocalStack.shared().postgres().connect("gateway");
             PreparedStatement ps = c.prepareStatement("select count(*) from processed_events where job_id = ? and type = ?")) {
            ps.setString(1, job);
            ps.setString(2, type);
            while (true) {
                try (var rows = ps.executeQuery()) {
                    rows.next();
                    if (rows.getLong(1) > 0) {
                        return;
                    }
                }
                assertTrue(System.nanoTime() < until, "no " + type + " of job " + job + " was applied");
                Thread.sleep(100);
            }
        }
    }

    /** The job and its outbox records as if written two hours ago. */
    private static void age(String job) throws Exception {
        try (Connection c = LocalStack.shared().postgres().connect("gateway")) {
            for (String sql : List.of("update jobs set created_at = now() - interval '2 hours' where id = ?",
                    "update outbox set created_at = now() - interval '2 hours' where record_key = ?")) {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setString(1, job);
                    ps.executeUpdate();
                }
            }
        }
    }
}
