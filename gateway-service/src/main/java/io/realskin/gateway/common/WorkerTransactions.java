package io.realskin.gateway.common;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import java.time.Duration;
import java.util.function.Function;

/**
 * A transaction whose body runs on a worker thread, step after step: it may wait on each statement and call the blob
 * store while the transaction (and the locks it took) stays open. A body that throws rolls the transaction back, and
 * the exception (a problem, say) reaches the caller as thrown. A body that ends too late to commit within
 * {@code timeout} rolls back too ({@link CommitDeadline}), so a caller answered 503 never finds the change made after all.
 * Blocking: call from a worker thread.
 */
public final class WorkerTransactions {
    public static <T> T run(Pool pool, Duration timeout, Function<SqlClient, T> body) {
        CommitDeadline commitBy = CommitDeadline.within(timeout);
        return pool.withTransaction(tx -> Uni.createFrom().item(() -> body.apply(tx))
                        .invoke(commitBy::require)
                        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()))
                .await().atMost(timeout);
    }

    private WorkerTransactions() {
    }
}
