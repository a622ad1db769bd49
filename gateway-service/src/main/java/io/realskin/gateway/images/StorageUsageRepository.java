package io.realskin.gateway.images;

import io.realskin.gateway.common.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code tenant_storage}: a tenant's stored bytes and images, one row per tenant (made by the first image that counts).
 * {@code used_bytes} includes the uploads in progress, whose bytes are reserved before their blob is written; each
 * such reservation is a row of {@code storage_reservations} until its image row is written or its bytes are given back.
 */
@ApplicationScoped
public class StorageUsageRepository {
    /** What a tenant stores; {@code images} counts rows written, {@code usedBytes} also the reservations in progress. */
    public record Usage(long usedBytes, long images) {
    }

    /** An upload's bytes counted in {@code used_bytes} and its row in {@code storage_reservations}. */
    public record Reservation(long id, String tenantId, long bytes) {
    }

    /** What one sweep gave back to one tenant: its reservations past the lease and their bytes. */
    public record GivenBack(String tenantId, long reservations, long bytes) {
    }

    /** A blob an expired reservation's upload may have written ({@code images/<tenant>/<sha256>}), of its tenant. */
    public record Left(String tenantId, String blobKey) {
    }

    /** What one sweep gave back, per tenant, and the blobs of the uploads it gave back. */
    public record Expired(List<GivenBack> given, List<Left> blobs) {
    }

    private static final long SWEEP_LOCK = 0x7265736572766eL;

    private final Pool pool;

    public StorageUsageRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Adds the bytes if the tenant's usage stays within the limit, and records them as a reservation, in one statement;
     * a guarded update on the tenant's row, so concurrent reservations never pass the limit together. Empty when the
     * bytes do not fit. {@code blobKey}: the blob the upload is about to write, for the sweep to remove if its gateway
     * never finishes (null: none).
     */
    public Uni<Optional<Reservation>> reserve(String tenantId, long bytes, long limitBytes, long limitImages, String blobKey) {
        return pool.preparedQuery("with counted as (insert into tenant_storage as s (tenant_id, used_bytes) select $1::text, $2::bigint "
                        + "where $2::bigint <= $3::bigint and $4::bigint >= 1 on conflict (tenant_id) do update "
                        + "set used_bytes = s.used_bytes + excluded.used_bytes where s.used_bytes + excluded.used_bytes <= $3::bigint "
                        + "and s.images < $4::bigint returning s.tenant_id) "
                        + "insert into storage_reservations (tenant_id, bytes, blob_key) select tenant_id, $2::bigint, $5::text from counted "
                        + "returning id")
                .execute(Tuple.of(tenantId, bytes, limitBytes, limitImages, blobKey))
                .map(rows -> Rows.first(rows, row -> new Reservation(row.getLong("id"), tenantId, bytes)));
    }

    /**
     * A reservation whose image was not written: its bytes are subtracted only if its row was still there, so a
     * reservation given back twice, or already swept, is subtracted once. True when this call gave them back.
     */
    public Uni<Boolean> giveBack(Reservation reservation) {
        return pool.preparedQuery("with taken as (delete from storage_reservations where id = $1 returning tenant_id, bytes) "
                        + "update tenant_storage s set used_bytes = s.used_bytes - t.bytes from taken t where s.tenant_id = t.tenant_id")
                .execute(Tuple.of(reservation.id())).map(rows -> rows.rowCount() == 1);
    }

    /**
     * A reservation whose upload's put failed: its bytes are subtracted (once, as {@link #giveBack}'s), and its row stays,
     * with no bytes, for {@link #giveBackExpired} to hand its blob key to the sweep after the lease: a put that failed may
     * have stored the bytes all the same. True when this call gave them back.
     */
    public Uni<Boolean> giveBackKeepingBlobKey(Reservation reservation) {
        return pool.preparedQuery("with held as (select id, tenant_id, bytes from storage_reservations where id = $1 and bytes > 0 "
                        + "for update), emptied as (update storage_reservations r set bytes = 0 from held h where r.id = h.id) "
                        + "update tenant_storage s set used_bytes = s.used_bytes - h.bytes from held h where s.tenant_id = h.tenant_id")
                .execute(Tuple.of(reservation.id())).map(rows -> rows.rowCount() == 1);
    }

    /**
     * The image row of a reservation was written, in the caller's transaction: the reservation's bytes stay counted as
     * the image's. A reservation already swept (its upload outlived the lease) had its bytes given back, so they are
     * added again, like a job's result: counted once, never refused.
     */
    public Uni<Void> reservedImageWritten(SqlClient tx, Reservation reservation) {
        return tx.preparedQuery("delete from storage_reservations where id = $1").execute(Tuple.of(reservation.id()))
                .chain(rows -> rows.rowCount() == 1
                        ? tx.preparedQuery("update tenant_storage set images = images + 1 where tenant_id = $1")
                                .execute(Tuple.of(reservation.tenantId())).replaceWithVoid()
                        : imageAdded(tx, reservation.tenantId(), reservation.bytes()));
    }

    /**
     * Deletes up to {@code batch} reservations older than the lease, skipping those an upload is finishing now, and
     * gives their bytes back, in one transaction. One sweep at a time per database (a transaction advisory lock), so
     * two replicas never update the same tenants' rows in different orders; the other one finds nothing to do. With
     * them, the blob keys their uploads wrote (the caller removes each that no image row names).
     */
    public Uni<Expired> giveBackExpired(Duration lease, int batch) {
        return pool.withTransaction(tx -> tx.preparedQuery("select pg_try_advisory_xact_lock($1)").execute(Tuple.of(SWEEP_LOCK))
                .chain(locked -> !locked.iterator().next().getBoolean(0) ? Uni.createFrom().item(new Expired(List.of(), List.of()))
                        : tx.preparedQuery("with expired as (select id from storage_reservations "
                                        + "where created_at < now() - $1::bigint * interval '1 millisecond' "
                                        + "order by created_at limit $2 for update skip locked), "
                                        + "taken as (delete from storage_reservations r using expired e where r.id = e.id "
                                        + "returning r.tenant_id, r.bytes, r.blob_key), "
                                        + "per_tenant as (select tenant_id, count(*) as reservations, sum(bytes)::bigint as bytes, "
                                        + "array_remove(array_agg(distinct blob_key), null) as blob_keys "
                                        + "from taken group by tenant_id), "
                                        + "given as (update tenant_storage s set used_bytes = s.used_bytes - p.bytes "
                                        + "from per_tenant p where s.tenant_id = p.tenant_id) "
                                        + "select tenant_id, reservations, bytes, blob_keys from per_tenant order by tenant_id")
                                .execute(Tuple.of(lease.toMillis(), batch))
                                .map(StorageUsageRepository::expired)));
    }

    private static Expired expired(RowSet<Row> rows) {
        List<GivenBack> given = new ArrayList<>();
        List<Left> blobs = new ArrayList<>();
        for (Row row : rows) {
            String tenant = row.getString("tenant_id");
            given.add(new GivenBack(tenant, row.getLong("reservations"), row.getLong("bytes")));
            for (String key : row.getArrayOfStrings("blob_keys")) {
                blobs.add(new Left(tenant, key));
            }
        }
        return new Expired(given, blobs);
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
