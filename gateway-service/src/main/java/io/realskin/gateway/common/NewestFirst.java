package io.realskin.gateway.common;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A page of one tenant's rows, newest first, paged by (created_at, id), with optional equality filters: the listings'
 * shared query. The select and the column names are constants of the caller; only the values are parameters.
 */
public final class NewestFirst {
    private final StringBuilder sql;
    private final List<Object> params = new ArrayList<>();

    /** {@code select}: "select … from …", to which "where tenant_id = $1" is added. */
    public NewestFirst(String select, String tenantId) {
        this.sql = new StringBuilder(select).append(" where tenant_id = $1");
        params.add(tenantId);
    }

    /** Only rows whose {@code column} is {@code value}; no filter when it is null. */
    public NewestFirst where(String column, Object value) {
        if (value != null) {
            params.add(value);
            sql.append(" and ").append(column).append(" = $").append(params.size());
        }
        return this;
    }

    /** The page after the cursor (created_at, id) of the last row of the previous page; null for the first page. */
    public Uni<RowSet<Row>> page(SqlClient client, Instant beforeCreated, String beforeId, int limit) {
        if (beforeCreated != null) {
            params.add(Rows.utc(beforeCreated));
            params.add(beforeId);
            sql.append(" and (created_at, id) < ($").append(params.size() - 1).append(", $").append(params.size()).append(")");
        }
        params.add(limit);
        sql.append(" order by created_at desc, id desc limit $").append(params.size());
        return client.preparedQuery(sql.toString()).execute(Tuple.tuple(params));
    }
}
