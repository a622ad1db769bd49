package io.realskin.gateway.profiles;

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
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class TextureProfileRepository {
    private final Pool pool;

    public TextureProfileRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Void> insert(SqlClient tx, TextureProfile profile) {
        return tx.preparedQuery("insert into texture_profiles (id, tenant_id, name, blob_key, source_image_id, created_by, created_at) "
                        + "values ($1, $2, $3, $4, $5, $6, $7)")
                .execute(Tuple.tuple(Arrays.asList(profile.id(), profile.tenantId(), profile.name(), profile.blobKey(),
                        profile.sourceImageId(), profile.createdBy(), Rows.utc(profile.createdAt()))))
                .replaceWithVoid();
    }

    /** The tenant's profile; another tenant's is as absent as a missing one. */
    public Uni<Optional<TextureProfile>> find(String tenantId, String id) {
        return TenantRows.byId(pool, "texture_profiles", tenantId, id).map(rows -> Rows.first(rows, TextureProfileRepository::toProfile));
    }

    /** Newest first; the cursor is (created_at, id) of the last profile of the previous page. */
    public Uni<List<TextureProfile>> list(String tenantId, Instant beforeCreated, String beforeId, int limit) {
        return TenantRows.newestFirst(pool, "texture_profiles", tenantId, beforeCreated, beforeId, limit)
                .map(rows -> rows.stream().map(TextureProfileRepository::toProfile).toList());
    }

    /** The tenant's profile, locked until the transaction ends (a deletion); empty when there is none. */
    public Uni<Optional<TextureProfile>> findForUpdate(SqlClient tx, String tenantId, String id) {
        return TenantRows.byIdForUpdate(tx, "texture_profiles", tenantId, id)
                .map(rows -> Rows.first(rows, TextureProfileRepository::toProfile));
    }

    /**
     * Locks the tenant's profile a job is about to name against its deletion until the job's transaction ends; false
     * when it no longer exists (deleted since the job was planned). A deletion waiting for the lock then sees the job.
     */
    public Uni<Boolean> lockForJob(SqlClient tx, String tenantId, String id) {
        return tx.preparedQuery("select id from texture_profiles where tenant_id = $1 and id = $2 for key share")
                .execute(Tuple.of(tenantId, id)).map(rows -> rows.size() > 0);
    }

    /** Serialises the tenant's profile creations until the transaction ends, so that two never both see room for one more. */
    public Uni<Void> lockTenant(SqlClient tx, String tenantId) {
        return AdvisoryLocks.untilCommit(tx, "texture_profiles:" + tenantId);
    }

    public Uni<Long> count(SqlClient client, String tenantId) {
        return client.preparedQuery("select count(*) as n from texture_profiles where tenant_id = $1").execute(Tuple.of(tenantId))
                .map(rows -> rows.iterator().next().getLong("n"));
    }

    public Uni<Long> count(String tenantId) {
        return count(pool, tenantId);
    }

    /** How many profiles name the blob (the same document made twice: one blob, two rows). */
    public Uni<Long> countWithBlobKey(SqlClient tx, String blobKey) {
        return tx.preparedQuery("select count(*) as n from texture_profiles where blob_key = $1").execute(Tuple.of(blobKey))
                .map(rows -> rows.iterator().next().getLong("n"));
    }

    public Uni<Void> delete(SqlClient tx, String id) {
        return tx.preparedQuery("delete from texture_profiles where id = $1").execute(Tuple.of(id)).replaceWithVoid();
    }

    private static TextureProfile toProfile(Row row) {
        return new TextureProfile(row.getString("id"), row.getString("tenant_id"), row.getString("name"), row.getString("blob_key"),
                row.getString("source_image_id"), row.getString("created_by"), Rows.instant(row, "created_at"));
    }
}
