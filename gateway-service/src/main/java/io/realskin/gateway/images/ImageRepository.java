package io.realskin.gateway.images;

import io.realskin.gateway.common.AdvisoryLocks;
import io.realskin.gateway.common.Rows;
import io.realskin.gateway.common.TenantRows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class ImageRepository {
    private final Pool pool;

    public ImageRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Void> insert(SqlClient client, Image image) {
        // created_at as the answer that created the image tells it, not the database's own clock a few ms later
        return client.preparedQuery("insert into images (id, tenant_id, blob_key, content_type, width, height, bytes, sha256, created_at, "
                        + "job_id, created_by) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)")
                .execute(Tuple.tuple(java.util.Arrays.asList(image.id(), image.tenantId(), image.blobKey(), image.contentType(),
                        image.width(), image.height(), image.bytes(), image.sha256(), Rows.utc(image.createdAt()), image.jobId(),
                        image.createdBy())))
                .replaceWithVoid();
    }

    public Uni<Void> insert(Image image) {
        return insert(pool, image);
    }

    /**
     * The images the tenant has, as a table for {@link TenantRows}: uploads, and a job's result once its job has ended
     * completed (or failed: a generate job whose texture pass failed keeps the generation it paid for). Until then a
     * result is its job's own: a generate job's generated image during its texture pass is no image of the tenant's
     * (404 for its reads, for a job, quote or profile naming it, not listed), nor ever once the job is canceled, so a
     * cancel, on which billing gives the generation's charge back, leaves the tenant nothing it received. A result is
     * released one way (a job that has ended never runs again), so a job that named a released image still finds it
     * when {@link #lockForJob} locks it. Until 2026-12-07 a generated image was the tenant's from its generation's
     * COMPLETED on, and a generate job canceled during its pass was a free generation.
     */
    private static final String RELEASED = "(select * from images i where i.job_id is null or not exists (select 1 from jobs j "
            + "where j.id = i.job_id and j.status in ('queued', 'running', 'canceled'))) images";

    /** The tenant's image ({@link #RELEASED}); another tenant's image is as absent as a missing one. */
    public Uni<Optional<Image>> find(String tenantId, String id) {
        return TenantRows.byId(pool, RELEASED, tenantId, id).map(rows -> Rows.first(rows, ImageRepository::toImage));
    }

    /** As {@link #find}, a result its job has not released included: the job's own work, never a tenant's request. */
    public Uni<Optional<Image>> findIncludingUnreleased(String tenantId, String id) {
        return TenantRows.byId(pool, "images", tenantId, id).map(rows -> Rows.first(rows, ImageRepository::toImage));
    }

    /**
     * Newest first ({@link #RELEASED}); the cursor is (created_at, id) of the last image of the previous page. {@code createdBy}:
     * only the images that key made (null: all).
     */
    public Uni<List<Image>> list(String tenantId, String createdBy, Instant beforeCreated, String beforeId, int limit) {
        return TenantRows.newestFirst(pool, RELEASED, tenantId, createdBy, beforeCreated, beforeId, limit)
                .map(rows -> rows.stream().map(ImageRepository::toImage).toList());
    }

    /** Until {@code until}, no job naming it, the upload is deleted by {@link UnusedUploadSweep}. */
    public Uni<Void> expireUnused(SqlClient tx, String id, Instant until) {
        return tx.preparedQuery("update images set unused_until = $2 where id = $1").execute(Tuple.of(id, Rows.utc(until)))
                .replaceWithVoid();
    }

    /** Uploads past their {@code unused_until} with no job naming them, oldest first: [tenant id, image id]. */
    public Uni<List<String[]>> unusedPast(int limit) {
        return pool.preparedQuery("select tenant_id, id from images where unused_until < now() order by unused_until limit $1")
                .execute(Tuple.of(limit)).map(rows -> {
                    List<String[]> found = new java.util.ArrayList<>();
                    rows.forEach(row -> found.add(new String[] {row.getString("tenant_id"), row.getString("id")}));
                    return found;
                });
    }

    /** As {@link #findForUpdate} for an upload still unused past its {@code unused_until}; empty for any other. */
    public Uni<Optional<Image>> findUnusedForUpdate(SqlClient tx, String tenantId, String id) {
        return tx.preparedQuery("select * from images where tenant_id = $1 and id = $2 and unused_until < now() for update")
                .execute(Tuple.of(tenantId, id)).map(rows -> Rows.first(rows, ImageRepository::toImage));
    }

    /** The tenant's image ({@link #RELEASED}), locked until the transaction ends (a deletion); empty when there is none. */
    public Uni<Optional<Image>> findForUpdate(SqlClient tx, String tenantId, String id) {
        return TenantRows.byIdForUpdate(tx, RELEASED, tenantId, id).map(rows -> Rows.first(rows, ImageRepository::toImage));
    }

    /** As {@link #findForUpdate}, a result its job has not released included (the job's cancel deleting it). */
    public Uni<Optional<Image>> findIncludingUnreleasedForUpdate(SqlClient tx, String tenantId, String id) {
        return TenantRows.byIdForUpdate(tx, "images", tenantId, id).map(rows -> Rows.first(rows, ImageRepository::toImage));
    }

    /**
     * Locks the tenant's images a job is about to name against their deletion until the job's transaction ends, and
     * returns the ids that exist: an image deleted since the job was planned is missing from the answer. A deletion
     * waiting for the lock sees the job once it is committed (and answers 409 image-in-use).
     */
    public Uni<List<String>> lockForJob(SqlClient tx, String tenantId, List<String> ids) {
        // and claims an upload sent for a job (expireUnused): a job names it, so the unused-upload sweep leaves it
        return tx.preparedQuery("with claimed as (update images set unused_until = null where tenant_id = $1 and id = any($2) "
                        + "and unused_until is not null) select id from images where tenant_id = $1 and id = any($2) for key share")
                .execute(Tuple.of(tenantId, ids.toArray(String[]::new)))
                .map(rows -> rows.stream().map(row -> row.getString("id")).toList());
    }

    /**
     * Serialises, until the transaction ends, everything that adds or removes a row naming this blob key and the blob
     * itself (an upload of the same bytes, a deletion), so that a blob is never removed while a row still needs it.
     */
    public Uni<Void> lockBlobKey(SqlClient tx, String blobKey) {
        return AdvisoryLocks.untilCommit(tx, blobKey);
    }

    /** How many of the tenant's image rows name the blob key (same bytes uploaded twice: one blob, two rows). */
    public Uni<Long> countWithBlobKey(SqlClient tx, String tenantId, String blobKey) {
        return tx.preparedQuery("select count(*) as n from images where tenant_id = $1 and blob_key = $2")
                .execute(Tuple.of(tenantId, blobKey)).map(rows -> rows.iterator().next().getLong("n"));
    }

    public Uni<Void> delete(SqlClient tx, String id) {
        return tx.preparedQuery("delete from images where id = $1").execute(Tuple.of(id)).replaceWithVoid();
    }

    private static Image toImage(Row row) {
        return new Image(row.getString("id"), row.getString("tenant_id"), row.getString("blob_key"),
                row.getString("content_type"), row.getInteger("width"), row.getInteger("height"), row.getLong("bytes"),
                row.getString("sha256"), Rows.instant(row, "created_at"), row.getString("job_id"), row.getString("created_by"));
    }
}
