package io.realskin.gateway.common;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Instant;

/** Reads of a tenant's rows shared by the tables a tenant lists (images, texture profiles); {@code table} is a constant. */
public final class TenantRows {
    /** The tenant's row with this id; another tenant's is as absent as a missing one. */
    public static Uni<RowSet<Row>> byId(SqlClient client, String table, String tenantId, String id) {
        return client.preparedQuery("select * from " + table + " where id = $1 and tenant_id = $2").execute(Tuple.of(id, tenantId));
    }

    /** As {@link #byId}, the row locked until the transaction ends (a deletion). */
    public static Uni<RowSet<Row>> byIdForUpdate(SqlClient tx, String table, String tenantId, String id) {
        return tx.preparedQuery("select * from " + table + " where id = $1 and tenant_id = $2 for update").execute(Tuple.of(id, tenantId));
    }

    /** Newest first; the cursor is (created_at, id) of the last row of the previous page, null for the first page. */
    public static Uni<RowSet<Row>> newestFirst(SqlClient client, String table, String tenantId, Instant beforeCreated, String beforeId,
                                               int limit) {
        return newestFirst(client, table, tenantId, null, beforeCreated, beforeId, limit);
    }

    /**
     * As {@link #newestFirst(SqlClient, String, String, Instant, String, int)}, only the rows the API key {@code createdBy}
     * made when it is not null (the table's {@code created_by}).
     */
    public static Uni<RowSet<Row>> newestFirst(SqlClient client, String table, String tenantId, String createdBy, Instant beforeCreated,
                                               String beforeId, int limit) {
        return new NewestFirst("select * from " + table, tenantId).where("created_by", createdBy)
                .page(client, beforeCreated, beforeId, limit);
    }

    private TenantRows() {
    }
}
