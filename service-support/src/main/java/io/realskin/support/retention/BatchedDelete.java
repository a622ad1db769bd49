package io.realskin.support.retention;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Runs a bounded delete again until it deletes less than its bound, so a large purge is many short statements (each
 * its own transaction, holding its locks briefly) instead of one that blocks writers and bloats the WAL at once.
 */
public final class BatchedDelete {
    /**
     * {@code sql} deletes at most {@code batch} rows per run (e.g. {@code ... where id in (select id ... limit N)});
     * returns how many rows all runs deleted.
     */
    public static Uni<Long> untilDone(Pool pool, String sql, Tuple args, int batch) {
        return pool.preparedQuery(sql).execute(args)
                .map(rows -> (long) rows.rowCount())
                .flatMap(deleted -> deleted < batch
                        ? Uni.createFrom().item(deleted)
                        : untilDone(pool, sql, args, batch).map(more -> deleted + more));
    }

    private BatchedDelete() {
    }
}
