package io.realskin.system.billing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realskin.local.LocalDeployment;
import io.realskin.local.RealSkinService;
import io.realskin.local.ServiceProcess;
import io.realskin.local.ServiceTokenProbe;
import io.realskin.local.ServiceTokenProbe.Call;
import io.realskin.system.RealSkinSystem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM to a billing replica while a hold is under way (held back by a row lock on the tenant's account): the hold
 * is answered 201 and taken before the process exits (quarkus.shutdown.timeout), where it used to be cut, the caller
 * left not knowing whether its credits were held.
 */
class BillingShutdownSystemTest {
    private static final Duration WAIT = Duration.ofMinutes(2); // a bound for a busy machine, not a speed claim

    @Test
    void aHoldUnderWayAtSigtermIsAnsweredBeforeTheProcessExits() throws Exception {
        LocalDeployment system = RealSkinSystem.get();
        String tenant = given().baseUri(system.url(RealSkinService.GATEWAY)).header("Authorization", "Bearer " + system.adminKey())
                .contentType("application/json").body("{\"name\":\"Shutdown\",\"plan\":\"pro\"}")
                .post("/v1/admin/tenants").then().statusCode(201).extract().path("id");
        // the deployment's billing clock: after the hold, the stop gives up on job.events records it never started after
        // 1 s instead of 5 s
        ServiceProcess replica = system.startReplica(RealSkinService.BILLING, "billing-service-shutdown",
                RealSkinSystem.commitInterval("job-events", Duration.ofSeconds(1)));
        replica.awaitReady(LocalDeployment.READY_TIMEOUT);
        String job = "job_" + UUID.randomUUID().toString().replace("-", "");
        String authorization = system.serviceKeys().bearer(RealSkinService.BILLING.audience(), tenant, "jobs:write jobs:read");
        Call hold = Call.post(replica.baseUrl() + "/holds", "{\"tenantId\":\"" + tenant + "\",\"jobId\":\"" + job
                + "\",\"quote\":{\"operation\":\"texture-restore\",\"megapixels\":1}}");

        CompletableFuture<HttpResponse<String>> answer;
        CompletableFuture<Void> stopped;
        try (Connection db = system.stack().postgres().connect("billing");
             Connection observer = system.stack().postgres().connect("billing")) {
            db.setAutoCommit(false);
            // the lock the hold's update of the balance needs; its inserts (keys referencing the account) pass
            try (PreparedStatement lock = db.prepareStatement("select 1 from accounts where tenant_id = ? for no key update")) {
                lock.setString(1, tenant);
                try (ResultSet rows = lock.executeQuery()) {
                    assertTrue(rows.next(), "billing has the tenant's account");
                }
            }
            answer = CompletableFuture.supplyAsync(() -> ServiceTokenProbe.send(hold, authorization));
            await(() -> {
                assertFalse(answer.isDone(), () -> "the hold was answered before it reached the lock: " + answer.join().statusCode()
                        + " " + answer.join().body());
                return waitingForTheLock(observer);
            }, "the hold waits for the account's lock");
            stopped = CompletableFuture.runAsync(() -> replica.stop(WAIT));
            // shutdown has begun: Quarkus waits for the requests under way (its log says so), or, as before, it is gone
            await(() -> !replica.isAlive() || log(replica).contains("Waiting for HTTP requests to complete"),
                    "the replica began to shut down");
            assertFalse(answer.isDone(), "the hold is still under way when shutdown begins");
            db.commit();
        }
        HttpResponse<String> response = answer.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertEquals(201, response.statusCode(), response.body());
        stopped.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertFalse(replica.isAlive(), "the replica exited");
        assertEquals(200, ServiceTokenProbe.send(Call.get(system.url(RealSkinService.BILLING) + "/holds/" + job),
                system.serviceKeys().bearer(RealSkinService.BILLING.audience(), tenant, "jobs:read")).statusCode(), "the hold was taken");
    }

    /** On a connection of its own: within a transaction pg_stat_activity keeps its first snapshot. */
    private static boolean waitingForTheLock(Connection db) {
        try (PreparedStatement waiting = db.prepareStatement("select count(*) from pg_stat_activity where pid <> pg_backend_pid() "
                + "and datname = current_database() and wait_event_type = 'Lock' and query like 'update accounts%'");
             ResultSet rows = waiting.executeQuery()) {
            rows.next();
            return rows.getLong(1) > 0;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String log(ServiceProcess process) {
        try {
            return Files.readString(process.logFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, what);
            Thread.sleep(100);
        }
    }
}
