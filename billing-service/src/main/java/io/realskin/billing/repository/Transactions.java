package io.realskin.billing.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Set;
import java.util.function.Function;

/**
 * Runs work in one database transaction, again from the start when PostgreSQL asks for it (deadlock, serialization
 * failure) or when a concurrent insert won a unique key (the retry then finds that row and answers idempotently).
 */
@ApplicationScoped
public class Transactions {
    private static final Set<String> RETRYABLE = Set.of("40001", "40P01", "23505");
    private static final int ATTEMPTS = 5;

    private final Pool pool;

    public Transactions(Pool pool) {
        this.pool = pool;
    }

    public <T> Uni<T> inTransaction(Function<SqlConnection, Uni<T>> work) {
        return Uni.createFrom().deferred(() -> pool.withTransaction(work))
                .onFailure(Transactions::retryable)
                .retry().withBackOff(Duration.ofMillis(5), Duration.ofMillis(200)).atMost(ATTEMPTS - 1);
    }

    public Pool pool() {
        return pool;
    }

    public static boolean retryable(Throwable failure) {
        return failure instanceof PgException pg && RETRYABLE.contains(pg.getSqlState());
    }

    public static boolean isSqlError(Throwable failure, String sqlState) {
        return failure instanceof PgException pg && sqlState.equals(pg.getSqlState());
    }
}
