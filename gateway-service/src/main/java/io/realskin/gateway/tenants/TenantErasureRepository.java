package io.realskin.gateway.tenants;

import io.realskin.gateway.config.StaleJobsConfig;
import io.realskin.gateway.jobs.JobRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL of a tenant's erasure ({@link TenantErasure}, {@link TenantErasureSweep}): the mark, the batches of rows the
 * sweep removes itself (each a statement or a short transaction whose rows are taken FOR UPDATE SKIP LOCKED), what is
 * left, and the tombstone. Images and texture profiles are not removed here but through their own deletions
 * ({@code ImageDeletion}, {@code TextureProfileDeletion}), which this only lists.
 */
@ApplicationScoped
public class TenantErasureRepository {
    /** The rows of an erasing tenant the sweep has still to remove ({@code GET /v1/admin/tenants/{id}}). */
    public record Left(long images, long textureProfiles, long jobs, long webhookDeliveries, long apiKeys, long idempotencyRecords) {
        public long total() {
            return images + textureProfiles + jobs + webhookDeliveries + apiKeys + idempotencyRecords;
        }
    }

    private final Pool pool;
    /** The longest stale-job timeout: how long after its job's creation a canceled job's worker is waited for. */
    private final long workerGiveUpSeconds;

    public TenantErasureRepository(Pool pool, StaleJobsConfig staleJobs) {
        this.pool = pool;
        this.workerGiveUpSeconds = staleJobs.longestTimeout().toSeconds();
    }

    /**
     * Marks the tenant erasing if it is suspended, not erasing or erased yet, and has no queued or running job (the
     * plan's cap's count: a generate job's texture-pass step ends with it); true when it was marked now.
     */
    public Uni<Boolean> markErasing(String tenantId) {
        return pool.preparedQuery("update tenants t set erase_requested_at = now() where t.id = $1 and t.suspended_at is not null "
                        + "and t.erase_requested_at is null and " + JobRepository.UNFINISHED_OF_TENANT_T + " = 0")
                .execute(Tuple.of(tenantId)).map(rows -> rows.rowCount() == 1);
    }

    /** Tenants being erased, the longest waiting first. */
    public Uni<List<String>> erasing(int limit) {
        return pool.preparedQuery("select id from tenants where erase_requested_at is not null and erased_at is null "
                        + "order by erase_requested_at, id limit $1")
                .execute(Tuple.of(limit)).map(TenantErasureRepository::ids);
    }

    /** Whether the tenant is being erased now (not yet a tombstone). */
    public Uni<Boolean> isErasing(String tenantId) {
        return pool.preparedQuery("select 1 from tenants where id = $1 and erase_requested_at is not null and erased_at is null")
                .execute(Tuple.of(tenantId)).map(rows -> rows.size() == 1);
    }

    /** Whether the tenant's erasure was asked for (erasing or erased), read with {@code client} (a job event's transaction). */
    public static Uni<Boolean> erasureAsked(SqlClient client, String tenantId) {
        return client.preparedQuery("select 1 from tenants where id = $1 and erase_requested_at is not null")
                .execute(Tuple.of(tenantId)).map(rows -> rows.size() == 1);
    }

    /** One replica erases a tenant at a time: this lock, held until {@code tx} ends; false when another holds it. */
    public Uni<Boolean> tryLock(SqlClient tx, String tenantId) {
        return tx.preparedQuery("select pg_try_advisory_xact_lock(hashtextextended($1, 0))").execute(Tuple.of("tenant-erasure:" + tenantId))
                .map(rows -> rows.iterator().next().getBoolean(0));
    }

    /** Queued or running jobs of the tenant, follow-up steps included: none should be left once it is erasing. */
    public Uni<Long> unfinishedJobs(String tenantId) {
        return pool.preparedQuery("select count(*) from jobs where tenant_id = $1 and status in ('queued', 'running')")
                .execute(Tuple.of(tenantId)).map(rows -> rows.iterator().next().getLong(0));
    }

    /**
     * The tenant's canceled jobs (texture-pass steps included) whose worker has not reported its end yet (a worker finishes,
     * or stops at its next stage, after a cancel: its COMPLETED or FAILED sets {@code worker_ended_at}), created less than
     * the longest stale-job timeout ago: a worker not heard from by then is not waited for, as under the plan's cap.
     */
    public Uni<Long> canceledJobsWithWorkerRunning(String tenantId) {
        return pool.preparedQuery("select count(*) from jobs where tenant_id = $1 and status = 'canceled' and worker_ended_at is null "
                        + "and created_at > now() - make_interval(secs => $2)")
                .execute(Tuple.of(tenantId, workerGiveUpSeconds)).map(rows -> rows.iterator().next().getLong(0));
    }

    public Uni<List<String>> imageIds(String tenantId, int limit) {
        return pool.preparedQuery("select id from images where tenant_id = $1 order by id limit $2").execute(Tuple.of(tenantId, limit))
                .map(TenantErasureRepository::ids);
    }

    public Uni<List<String>> profileIds(String tenantId, int limit) {
        return pool.preparedQuery("select id from texture_profiles where tenant_id = $1 order by id limit $2")
                .execute(Tuple.of(tenantId, limit)).map(TenantErasureRepository::ids);
    }

    /**
     * Deletes up to {@code limit} of the tenant's jobs (follow-up steps before their parents, so a parent is never taken
     * while a step of it is left), their history (ON DELETE CASCADE) and their published outbox records (which hold the
     * requests, prompts included); unpublished ones are left for the relay. Returns how many jobs.
     */
    public Uni<Integer> deleteJobs(String tenantId, int limit) {
        return pool.preparedQuery("with picked as (select id from jobs where tenant_id = $1 order by (parent_job_id is null), id "
                        + "limit $2 for update skip locked), "
                        + "records as (delete from outbox o using picked p where o.record_key = p.id and o.published_at is not null), "
                        + "gone as (delete from jobs j using picked p where j.id = p.id returning j.id) "
                        + "select count(*) from gone")
                .execute(Tuple.of(tenantId, limit)).map(TenantErasureRepository::count);
    }

    /** Deletes up to {@code limit} of the tenant's webhook deliveries (payloads, URLs) with their attempts. */
    public Uni<Integer> deleteWebhookDeliveries(String tenantId, int limit) {
        return pool.withTransaction(tx -> tx.preparedQuery("select id from webhook_deliveries where tenant_id = $1 order by id limit $2 "
                        + "for update skip locked").execute(Tuple.of(tenantId, limit)).map(TenantErasureRepository::ids)
                .chain(ids -> ids.isEmpty() ? Uni.createFrom().item(0)
                        : tx.preparedQuery("delete from webhook_attempts where delivery_id = any($1)").execute(Tuple.of(array(ids)))
                                .chain(() -> tx.preparedQuery("delete from webhook_deliveries where id = any($1)").execute(Tuple.of(array(ids))))
                                .map(RowSet::rowCount)));
    }

    /** Deletes the tenant's webhook endpoint and signing secrets (encrypted); returns how many rows. */
    public Uni<Integer> deleteWebhookSettings(String tenantId) {
        return pool.withTransaction(tx -> tx.preparedQuery("delete from webhook_secrets where tenant_id = $1").execute(Tuple.of(tenantId))
                .chain(secrets -> tx.preparedQuery("delete from tenant_webhooks where tenant_id = $1").execute(Tuple.of(tenantId))
                        .map(endpoint -> secrets.rowCount() + endpoint.rowCount())));
    }

    /** What a batch of keys came to: the keys deleted, and other tenants' keys whose {@code createdBy} named one of them. */
    public record KeysGone(int deleted, int unlinkedElsewhere) {
    }

    /**
     * Deletes up to {@code limit} of the tenant's API keys (hashes, hints, names). A key made from one of them keeps
     * existing with {@code createdBy} null (its lineage ends there, as a bootstrap key's does): the foreign key would
     * refuse the deletion otherwise. Only keys of its own tenant can be made from a tenant's key (the admin tenant is
     * never erased), so {@code unlinkedElsewhere} is expected 0; it is counted to be seen.
     */
    public Uni<KeysGone> deleteKeys(String tenantId, int limit) {
        return pool.withTransaction(tx -> tx.preparedQuery("select id from api_keys where tenant_id = $1 order by id limit $2 "
                        + "for update skip locked").execute(Tuple.of(tenantId, limit)).map(TenantErasureRepository::ids)
                .chain(ids -> ids.isEmpty() ? Uni.createFrom().item(new KeysGone(0, 0))
                        : tx.preparedQuery("update api_keys set created_by = null where created_by = any($1) and not (id = any($1)) "
                                        + "returning tenant_id <> $2 as elsewhere")
                                .execute(Tuple.of(array(ids), tenantId))
                                .chain(unlinked -> tx.preparedQuery("update texture_profiles set created_by = null where created_by = any($1)")
                                        .execute(Tuple.of(array(ids)))
                                        .chain(() -> tx.preparedQuery("delete from api_keys where id = any($1)").execute(Tuple.of(array(ids))))
                                        .map(gone -> new KeysGone(gone.rowCount(), elsewhere(unlinked))))));
    }

    /** Deletes up to {@code limit} of the tenant's Idempotency-Key records (fingerprints and stored answers). */
    public Uni<Integer> deleteIdempotencyRecords(String tenantId, int limit) {
        return pool.preparedQuery("delete from idempotency_keys where (tenant_id, idem_key) in (select tenant_id, idem_key "
                        + "from idempotency_keys where tenant_id = $1 limit $2 for update skip locked)")
                .execute(Tuple.of(tenantId, limit)).map(RowSet::rowCount);
    }

    /** Deletes the tenant's storage reservations and usage row; returns the blob keys the reservations named. */
    public Uni<List<String>> deleteStorage(String tenantId) {
        return pool.withTransaction(tx -> tx.preparedQuery("delete from storage_reservations where tenant_id = $1 returning blob_key")
                .execute(Tuple.of(tenantId))
                .chain(reservations -> tx.preparedQuery("delete from tenant_storage where tenant_id = $1").execute(Tuple.of(tenantId))
                        .map(usage -> {
                            List<String> keys = new ArrayList<>();
                            reservations.forEach(row -> {
                                if (row.getString(0) != null) {
                                    keys.add(row.getString(0));
                                }
                            });
                            return keys;
                        })));
    }

    /** Adds {@code rows} of {@code kind} to what the erasure has removed ({@code tenants.erased_rows}). */
    public Uni<Void> counted(String tenantId, String kind, long rows) {
        return rows == 0 ? Uni.createFrom().voidItem()
                : pool.preparedQuery("update tenants set erased_rows = jsonb_set(erased_rows, array[$2], "
                                + "to_jsonb(coalesce((erased_rows ->> $2)::bigint, 0) + $3)) where id = $1")
                        .execute(Tuple.of(tenantId, kind, rows)).replaceWithVoid();
    }

    /**
     * The tombstone: erased now, name and suspension reason gone, the id kept. What the erasure removed, by kind (JSON),
     * when this call made it; null when it was made already.
     */
    public Uni<String> tombstone(String tenantId) {
        return pool.preparedQuery("update tenants set erased_at = now(), name = null, suspended_reason = null "
                        + "where id = $1 and erase_requested_at is not null and erased_at is null returning erased_rows::text")
                .execute(Tuple.of(tenantId)).map(rows -> rows.size() == 1 ? rows.iterator().next().getString(0) : null);
    }

    /** What is left of the tenant's rows. */
    public Uni<Left> left(String tenantId) {
        return pool.preparedQuery("select (select count(*) from images where tenant_id = $1) as images, "
                        + "(select count(*) from texture_profiles where tenant_id = $1) as profiles, "
                        + "(select count(*) from jobs where tenant_id = $1) as jobs, "
                        + "(select count(*) from webhook_deliveries where tenant_id = $1) as deliveries, "
                        + "(select count(*) from api_keys where tenant_id = $1) as keys, "
                        + "(select count(*) from idempotency_keys where tenant_id = $1) as answers")
                .execute(Tuple.of(tenantId))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new Left(row.getLong("images"), row.getLong("profiles"), row.getLong("jobs"), row.getLong("deliveries"),
                            row.getLong("keys"), row.getLong("answers"));
                });
    }

    private static int elsewhere(RowSet<Row> unlinked) {
        int n = 0;
        for (Row row : unlinked) {
            if (row.getBoolean(0)) {
                n++;
            }
        }
        return n;
    }

    private static String[] array(List<String> ids) {
        return ids.toArray(new String[0]);
    }

    private static int count(RowSet<Row> rows) {
        return (int) (long) rows.iterator().next().getLong(0);
    }

    private static List<String> ids(RowSet<Row> rows) {
        List<String> ids = new ArrayList<>();
        rows.forEach(row -> ids.add(row.getString(0)));
        return ids;
    }
}
