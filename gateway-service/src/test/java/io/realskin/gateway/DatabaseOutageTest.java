package io.realskin.gateway;

import static io.realskin.gateway.Api.as;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.realskin.contracts.Topics;
import io.realskin.contracts.blob.BlobStore;
import io.realskin.local.KafkaProbe;
import io.realskin.local.LocalStack;
import io.realskin.local.LocalStackResource;
import io.realskin.local.PostgresServer;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * PostgreSQL stopped ({@code pg_ctl stop -m fast}) or killed ({@code kill -9}) under the running gateway, then started
 * again on its data: meanwhile readiness is DOWN and liveness UP, every request that needs the database is a 503
 * problem, and job events wait (nothing on job.events.dlq); afterwards they are applied and readiness is UP again.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
@QuarkusTestResource(StubBackends.class)
class DatabaseOutageTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    BlobStore blobs;

    @ParameterizedTest(name = "killed: {0}")
    @ValueSource(booleans = {false, true})
    void requestsAre503AndJobEventsWaitForTheDatabase(boolean kill) throws Exception {
        PostgresServer postgres = LocalStack.shared().postgres();
        assumeTrue(postgres.isEmbedded(), "PGHOST names a PostgreSQL this JVM cannot stop");
        String[] tk = Api.tenantAndKey();
        String tenant = tk[0];
        String key = tk[1];
        String image = Api.upload(key);
        String job = Api.submitTexture(key, image);
        String resultKey = "results/" + java.util.UUID.randomUUID() + ".png";
        blobs.put(resultKey, Api.png(64, 48));

        if (kill) {
            postgres.kill();
        } else {
            postgres.stop();
        }
        try {
            await("readiness DOWN", () -> given().get("/q/health/ready"), r -> r.statusCode() == 503);
            given().get("/q/health/live").then().statusCode(200);

            // the key lookup is cached for 2 s: from then on, every call that needs the database is a 503 problem
            await("a 503 for a job read", () -> as(key).get("/v1/jobs/" + job), r -> r.statusCode() == 503);
            assertDatabaseUnavailable(as(key).get("/v1/jobs"));
            assertDatabaseUnavailable(as(key).contentType("application/json")
                    .body("{\"type\":\"texture-restore\",\"imageId\":\"" + image + "\"}").post("/v1/jobs"));
            assertDatabaseUnavailable(as(key).contentType("image/png").body(Api.png(8, 8)).post("/v1/images"));

            Events.started(tenant, job);
            Events.completed(tenant, job, resultKey, 64, 48, null);
            try (KafkaProbe probe = Events.probe()) {
                // the consumer keeps retrying meanwhile: a dead letter would show up within this read
                List<KafkaProbe.Received> dead = probe.await(Topics.dlq(Topics.JOB_EVENTS), r -> job.equals(r.key()),
                        found -> !found.isEmpty(), Duration.ofSeconds(8));
                assertEquals(List.of(), dead, "no job event is dead-lettered because the database was away");
            }
        } finally {
            postgres.startAgain();
        }

        await("readiness UP", () -> given().get("/q/health/ready"), r -> r.statusCode() == 200);
        Api.awaitJobStatus(key, job, "completed", WAIT);
        try (KafkaProbe probe = Events.probe()) {
            assertEquals(List.of(), probe.await(Topics.dlq(Topics.JOB_EVENTS), r -> job.equals(r.key()), found -> !found.isEmpty(),
                    Duration.ofSeconds(3)));
        }
    }

    private static void assertDatabaseUnavailable(Response response) {
        response.then().statusCode(503).contentType("application/problem+json");
        assertEquals("https://realskin.io/problems/backend-unavailable", response.jsonPath().getString("type"), response.asString());
        assertEquals("database", response.jsonPath().getString("backend"));
        assertNotNull(response.header("Retry-After"));
    }

    private static void await(String what, Supplier<Response> call, java.util.function.Predicate<Response> until) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        Response last = null;
        while (System.nanoTime() < deadline) {
            last = call.get();
            if (until.test(last)) {
                if (last.statusCode() == 503 && last.contentType().startsWith("application/problem+json")) {
                    assertDatabaseUnavailable(last);
                }
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(what + " did not happen within " + WAIT + ": " + (last == null ? null : last.statusCode() + " " + last.asString()));
    }
}
