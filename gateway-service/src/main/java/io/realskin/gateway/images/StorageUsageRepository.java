package io.realskin.gateway.images;

import io.realskin.gateway.common.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * {@code tenant_storage}: a tenant's stored bytes and images, one row per tenant (made by the first image that counts).
 * {@code used_bytes} includes the uploads in progress, whose bytes are reserved before their blob is written.
 */
@ApplicationScoped
public class StorageUsageRepository {
    /** What a tenant stores; {@code images} counts rows written, {@code usedBytes} also the reservations in progress. */
    public record Usage(long usedBytes, long images) {
    }

    private final Pool pool;

    public StorageUsageRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Adds the bytes if the tenant's usage stays within the limit; a guarded update on the tenant's row, so concurrent
     * reservations never pass the limit together. True when reserved.
     */
    public Uni<Boolean> reserve(String tenantId, long bytes, long limitBytes) {
        return pool.preparedQuery("insert into tenant_storage as s (tenant_id, used_bytes) select $1::text, $2::bigint "
                        + "where $2::bigint <= $3::bigint on conflict (tenant_id) do update "
                        + "set used_bytes = s.used_bytes + excluded.used_bytes where s.used_bytes + excluded.used_bytes <= $3::bigint "
                        + "returning s.used_bytes")
                .execute(Tuple.of(tenantId, bytes, limitBytes)).map(rows -> rows.size() == 1);
    }

    /** A reservation whose image was not written. */
    public Uni<Void> giveBack(String tenantId, long bytes) {
        return pool.preparedQuery("update tenant_storage set used_bytes = used_bytes - $2 where tenant_id = $1")
                .execute(Tuple.of(tenantId, bytes)).replaceWithVoid();
    }

    /** The image row of a reservation was written, in the caller's transaction. */
    public Uni<Void> reservedImageWritten(SqlClient tx, String tenantId) {
        return tx.preparedQuery("update tenant_storage set images = images + 1 where tenant_id = $1")
                .execute(Tuple.of(tenantId)).replaceWithVoid();
    }

    /** An image written without a reservation (a job's result, never refused), in the caller's transaction. */
    public Uni<Void> imageAdded(SqlClient tx, String tenantId, long bytes) {
        return tx.preparedQuery("insert into tenant_storage as s (tenant_id, used_bytes, images) values ($1, $2, 1) "
                        + "on conflict (tenant_id) do update set used_bytes = s.used_bytes + excluded.used_bytes, images = s.images + 1")
                .execute(Tuple.of(tenantId, bytes)).replaceWithVoid();
    }

    public Uni<Void> imageRemoved(SqlClient tx, String tenantId, long bytes) {
        return tx.preparedQuery("update tenant_storage set used_bytes = used_bytes - $2, images = images - 1 where tenant_id = $1")
                .execute(Tuple.of(tenantId, bytes)).replaceWithVoid();
    }

    public Uni<Usage> usage(String tenantId) {
        return pool.preparedQuery("select used_bytes, images from tenant_storage where tenant_id = $1").execute(Tuple.of(tenantId))
                .map(rows -> Rows.first(rows, row -> new Usage(row.getLong("used_bytes"), row.getLong("images"))).orElse(new Usage(0, 0)));
    }
}
