package io.realskin.gateway;

import static io.realskin.gateway.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.realskin.gateway.config.GatewayConfig;
import io.realskin.local.LocalStack;
import io.realskin.local.LocalStackResource;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * A job's or an API key's transaction still running when its caller's wait (realskin.database.timeout, short in
 * {@link ShortLimits}) ends is answered 503 and never commits afterwards: the caller may send it again. Each test holds
 * the transaction's locks in two parts, each below what would cut one statement, together past the wait.
 */
@QuarkusTest
@TestProfile(ShortLimits.class)
@QuarkusTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
@QuarkusTestResource(StubBackends.class)
class DatabaseWaitTest {
    @Inject
    GatewayConfig config;

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

    private static ValidatableResponse create(String key, String body) {
        return as(key).contentType("application/json").body(body).post("/v1/api-keys").then();
    }
}
