package io.realskin.gateway.common;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * PostgreSQL transaction-scoped advisory locks by name: the lock is held until the transaction commits or rolls back.
 * Each caller's names carry their own prefix (or are ids no other caller uses), so two kinds never wait on each other.
 */
public final class AdvisoryLocks {
    private AdvisoryLocks() {
    }

    /** Waits for the lock named {@code name} and holds it until {@code tx} ends. */
    public static Uni<Void> untilCommit(SqlClient tx, String name) {
        return tx.preparedQuery("select pg_advisory_xact_lock(hashtextextended($1, 0))").execute(Tuple.of(name)).replaceWithVoid();
    }
}
