package io.realskin.billing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.realskin.local.LocalStackResource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The reactive PostgreSQL client made a gauge per pooled connection under one meter id: the second connection logged
 * Micrometer's "This Gauge has been already registered (postgresql.queue.size)" and the exported gauge followed the
 * first connection only; http.server.active.connections and http.server.active.requests the same for the API's and the
 * management interface's HTTP servers. Now those gauges are not made, and the pool's own meters and the shared connection timer are exported.
 * (Micrometer logs that WARN once per registry, at the first duplicate: that one came before this test, at start.)
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = "database", value = "billing"))
class PerInstanceGaugesTest {
    private static final int CONNECTIONS = 12; // below the pool's 16, above what a test run keeps open
    private static final Duration WAIT = Duration.ofMinutes(1); // a bound for a busy machine, not a speed claim

    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    @Inject
    Pool pool;

    @Test
    void theExportedGaugesFollowThePoolAndBothServersNotOneInstance() {
        openConnectionsAtOnce();
        String exported = given().get(metrics).then().statusCode(200).extract().asString();
        assertFalse(exported.contains("postgresql_queue_size"), "the per-connection gauge is not exported");
        assertFalse(exported.contains("postgresql_current"), "the per-connection gauge is not exported");
        assertFalse(exported.contains("http_server_active_connections"), "the per-server gauge is not exported");
        assertFalse(exported.contains("http_server_active_requests"), "the per-server gauge is not exported");
        assertTrue(exported.contains("sql_pool_queue_size{"), "the pool's queue is exported");
        assertTrue(exported.contains("sql_pool_active{"), "the pool's connections in use are exported");
        assertTrue(exported.contains("postgresql_processing_seconds_count{"), "the client's timers stay");
        assertTrue(exported.contains("http_server_connections_seconds_active_count"), "both servers' open connections");
    }

    /** Holds CONNECTIONS connections at the same moment, so the pool has to open new ones beside those it had. */
    private void openConnectionsAtOnce() {
        List<Uni<SqlConnection>> opened = new ArrayList<>();
        for (int i = 0; i < CONNECTIONS; i++) {
            opened.add(pool.getConnection());
        }
        List<SqlConnection> connections = new ArrayList<>();
        try {
            for (Uni<SqlConnection> connection : opened) {
                SqlConnection c = connection.await().atMost(WAIT);
                connections.add(c);
                c.query("select 1").execute().await().atMost(WAIT);
            }
        } finally {
            connections.forEach(c -> c.close().await().atMost(WAIT));
        }
    }
}
