package io.realskin.support.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realskin.contracts.ContractViolation;
import io.realskin.contracts.EventEnvelope;
import io.realskin.contracts.EventTypes;
import io.realskin.contracts.JobCompleted;
import io.realskin.local.PostgresServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The failures the reactive PostgreSQL client really raises, from a real server: errors about the statement are not
 * outages; a refused connection, a server stopped or killed under an open connection, a statement timeout are.
 */
class OutagesTest {
    private static PostgresServer postgres;
    private static Vertx vertx;

    @BeforeAll
    static void start() throws IOException {
        postgres = PostgresServer.start(Files.createTempDirectory("outages-test-"), freePort());
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        postgres.close();
    }

    @Test
    void statementErrorsCausedByTheDataAreNotOutages() throws Exception {
        Pool pool = pool(postgres.port());
        try {
            await(pool.query("create table if not exists t (id int primary key, v text not null)").execute());
            await(pool.query("insert into t values (1, 'a') on conflict do nothing").execute());
            assertState("22012", pool.query("select 1 / 0").execute());
            assertState("23505", pool.query("insert into t values (1, 'b')").execute());
            assertState("23502", pool.query("insert into t values (2, null)").execute());
            assertState("42P01", pool.query("select * from no_such_table").execute());
            assertState("22P02", pool.query("select 'not a number'::int").execute());
        } finally {
            pool.close();
        }
    }

    @Test
    void aStatementTimeoutIsAnOutage() throws Exception {
        Pool pool = pool(postgres.port());
        try {
            Throwable failure = failure(pool.withTransaction(c -> c.query("set local statement_timeout = '100ms'").execute()
                    .compose(v -> c.query("select pg_sleep(5)").execute())));
            assertEquals("57014", ((PgException) failure).getSqlState());
            assertTrue(Outages.isOutage(failure));
        } finally {
            pool.close();
        }
    }

    @Test
    void aRefusedConnectionIsAnOutage() throws Exception {
        Pool pool = pool(freePort());
        try {
            Throwable failure = failure(pool.query("select 1").execute());
            assertTrue(Outages.isOutage(failure), failure.toString());
        } finally {
            pool.close();
        }
    }

    @Test
    void aServerStoppedOrKilledUnderAnOpenConnectionIsAnOutageAndAnswersAgainOnceStarted() throws Exception {
        for (boolean kill : new boolean[] {false, true}) {
            Pool pool = pool(postgres.port());
            try {
                SqlConnection open = await(pool.getConnection());
                Future<?> running = open.query("select pg_sleep(30)").execute();
                awaitBackendBusy();
                if (kill) {
                    postgres.kill();
                } else {
                    postgres.stop();
                }
                Throwable inFlight = failure(running);
                assertTrue(Outages.isOutage(inFlight), (kill ? "killed: " : "stopped: ") + inFlight);
                Throwable next = failure(pool.query("select 1").execute());
                assertTrue(Outages.isOutage(next), (kill ? "killed, next query: " : "stopped, next query: ") + next);
                // a command on the connection the server dropped (as on a pooled connection it closed while idle)
                Throwable onDropped = failure(open.query("select 1").execute());
                assertTrue(Outages.isOutage(onDropped), (kill ? "killed, dropped connection: " : "stopped, dropped connection: ") + onDropped);

                postgres.startAgain();
                assertEquals(1, await(pool.query("select 1").execute()).iterator().next().getInteger(0));
            } finally {
                pool.close();
            }
        }
    }

    @Test
    void otherFailuresAreClassifiedByTheirCause() {
        assertTrue(Outages.isOutage(new UncheckedIOException(new IOException("S3 put: Connection refused"))));
        assertTrue(Outages.isOutage(new io.smallrye.mutiny.TimeoutException()));
        assertTrue(Outages.isOutage(new RuntimeException(new java.util.concurrent.TimeoutException("pool"))));
        assertFalse(Outages.isOutage(new IllegalStateException("result blob results/a/b.jpg is missing")));
        assertFalse(Outages.isOutage(new NullPointerException()));
        // Jackson's errors are IOExceptions, but a payload that does not fit its type is poison, not an outage
        EventEnvelope wrongPayload = EventEnvelope.of(EventTypes.COMPLETED, "t", "j", java.util.Map.of("width", "wide"));
        RuntimeException unreadable = org.junit.jupiter.api.Assertions.assertThrows(ContractViolation.class,
                () -> wrongPayload.payloadAs(JobCompleted.class));
        assertTrue(unreadable.getCause() instanceof IOException, "the premise: " + unreadable.getCause());
        assertFalse(Outages.isOutage(unreadable), unreadable.toString());
        assertFalse(Outages.isOutage(new UncheckedIOException(new com.fasterxml.jackson.core.JsonParseException(null, "bad"))));
        assertTrue(Outages.isOutage(io.vertx.sqlclient.TransactionRollbackException.INSTANCE));
        assertTrue(Outages.isOutage(new io.vertx.core.VertxException("Timeout waiting for connection", true)));
        assertTrue(Outages.isOutage(new RuntimeException(new io.vertx.core.VertxException(
                "Pending requests failed to be sent due to connection has been closed."))));
        assertFalse(Outages.isOutage(new io.vertx.core.VertxException("Transaction already completed")));
        assertTrue(Outages.isOutageState("25006"), "read-only: a failover left the pool on a standby");
        assertTrue(Outages.isOutageState("08006"));
        assertTrue(Outages.isOutageState("57P01"));
        assertTrue(Outages.isOutageState("53300"));
        assertFalse(Outages.isOutageState("23505"));
        assertFalse(Outages.isOutageState("42703"));
        assertFalse(Outages.isOutageState(null));
    }

    /** Waits until the server runs the sleep: a stop or kill then lands under a statement in flight. */
    private static void awaitBackendBusy() throws Exception {
        Pool watcher = pool(postgres.port());
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline) {
                long busy = await(watcher.query("select count(*) from pg_stat_activity where query = 'select pg_sleep(30)' "
                        + "and state = 'active'").execute()).iterator().next().getLong(0);
                if (busy > 0) {
                    return;
                }
                Thread.sleep(50);
            }
            throw new AssertionError("the statement did not start within 30 s");
        } finally {
            watcher.close();
        }
    }

    private static void assertState(String sqlState, Future<?> statement) throws Exception {
        Throwable failure = failure(statement);
        assertEquals(sqlState, failure instanceof PgException pg ? pg.getSqlState() : failure.toString());
        assertFalse(Outages.isOutage(failure), failure.toString());
    }

    private static Pool pool(int port) {
        PgConnectOptions connect = new PgConnectOptions().setHost(postgres.host()).setPort(port).setDatabase("postgres")
                .setUser(postgres.user()).setPassword(postgres.password()).setConnectTimeout(5000);
        return PgBuilder.pool().with(new PoolOptions().setMaxSize(2)).connectingTo(connect).using(vertx).build();
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    private static Throwable failure(Future<?> future) throws Exception {
        try {
            await(future);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("the statement was expected to fail");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
