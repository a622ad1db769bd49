package io.realskin.gateway.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import io.realskin.contracts.EventJson;
import io.realskin.gateway.common.AdvisoryLocks;
import io.realskin.gateway.common.NewestFirst;
import io.realskin.gateway.common.Rows;
import io.realskin.gateway.config.StaleJobsConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

@ApplicationScoped
public class JobRepository {
    private static final String COLUMNS = "id, tenant_id, type, status, request::text as request, progress, stage, "
            + "result::text as result, error::text as error, created_at, updated_at, finished_at, webhook_url, parent_job_id, created_by";

    /**
     * The jobs the plan's cap counts beside the unfinished ones: canceled top-level jobs whose worker has not reported
     * their end yet (it does not learn of a cancel and runs them all the same), for at most {@code $2} seconds after
     * their creation (the longest stale-job timeout: a worker never heard from by then is not waited for).
     */
    private static final String CANCELED_IN_FLIGHT_OF_TENANT_T = "(select count(*) from jobs j where j.tenant_id = t.id "
            + "and j.status = 'canceled' and j.worker_ended_at is null and j.parent_job_id is null "
            + "and j.created_at > now() - make_interval(secs => $2))";

    private final Pool pool;
    private final long workerGiveUpSeconds;

    public JobRepository(Pool pool, StaleJobsConfig staleJobs) {
        this.pool = pool;
        this.workerGiveUpSeconds = staleJobs.longestTimeout().toSeconds();
    }

    /**
     * Inserts a queued job and returns it as stored; empty when a job with this id exists already (a follow-up step created
     * before). {@code createdBy}: the API key that submitted it.
     */
    public Uni<Optional<Job>> insert(SqlClient client, String id, String tenantId, String type, JsonNode request, String webhookUrl,
                                     String parentJobId, String createdBy) {
        return client.preparedQuery("insert into jobs (id, tenant_id, type, status, request, webhook_url, parent_job_id, created_by) "
                        + "values ($1, $2, $3, $4, $5::text::jsonb, $6, $7, $8) on conflict (id) do nothing returning " + COLUMNS)
                .execute(Tuple.tuple(List.of(id, tenantId, type, JobStatus.QUEUED.wire(), EventJson.write(request)))
                        .addValue(webhookUrl).addValue(parentJobId).addValue(createdBy))
                .map(rows -> Rows.first(rows, JobRepository::toJob));
    }

    /** A tenant's plan and the top-level jobs its cap counts (unfinished, or canceled while a worker is still at it). */
    public record Unfinished(String plan, long jobs) {
    }

    /**
     * The tenant's unfinished jobs, as a scalar subquery on a row {@code t} of tenants: queued or running, a generate
     * job's follow-up texture pass left out (it runs under its parent). The plan's cap counts these and
     * {@link #CANCELED_IN_FLIGHT_OF_TENANT_T}.
     */
    public static final String UNFINISHED_OF_TENANT_T = "(select count(*) from jobs j where j.tenant_id = t.id "
            + "and j.status in ('queued', 'running') and j.parent_job_id is null)";

    /**
     * Serialises the tenant's submissions until the transaction ends (an advisory lock on its id), then counts its
     * queued and running jobs and the canceled ones a worker may still be at, the caller's own uncommitted one included:
     * two submits can never both see room for one more. The count is sent right behind the lock without waiting for it:
     * PostgreSQL runs it once the lock is granted, on a snapshot taken then (read committed), so it sees every submit
     * committed before.
     */
    public Uni<Unfinished> lockAndCountUnfinished(SqlClient tx, String tenantId) {
        return Uni.combine().all().unis(
                        AdvisoryLocks.untilCommit(tx, tenantId),
                        tx.preparedQuery("select t.plan, " + UNFINISHED_OF_TENANT_T + " + " + CANCELED_IN_FLIGHT_OF_TENANT_T
                                        + " as unfinished from tenants t where t.id = $1")
                                .execute(Tuple.of(tenantId, workerGiveUpSeconds)))
                .asTuple()
                .map(locked -> Rows.first(locked.getItem2(), row -> new Unfinished(row.getString("plan"), row.getLong("unfinished")))
                        .orElse(new Unfinished(null, 0)));
    }

    /**
     * The tenant's queued and running jobs that still need the image: named in the request (every field of
     * {@link JobSubmission#IMAGE_FIELDS}, and {@code referenceImages}), or the interim result of a generate job waiting
     * for its texture pass. Oldest first.
     */
    public Uni<List<String>> unfinishedUsing(SqlClient tx, String tenantId, String imageId) {
        return tx.preparedQuery(UNFINISHED_USING).execute(Tuple.of(tenantId, imageId))
                .map(rows -> rows.stream().map(r -> r.getString("id")).toList());
    }

    private static final String UNFINISHED_USING = "select id from jobs where tenant_id = $1 and status in ('queued', 'running') and ("
            + JobSubmission.IMAGE_FIELDS.stream().map(field -> "request ->> '" + field + "' = $2 or ").collect(Collectors.joining())
            + "request -> 'referenceImages' @> jsonb_build_array(jsonb_build_object('imageId', $2::text)) "
            + "or result ->> 'imageId' = $2) order by created_at, id";

    /** The tenant's queued and running jobs that name the texture profile, oldest first. */
    public Uni<List<String>> unfinishedUsingProfile(SqlClient tx, String tenantId, String profileId) {
        return tx.preparedQuery("select id from jobs where tenant_id = $1 and status in ('queued', 'running') "
                        + "and request ->> 'profileId' = $2 order by created_at, id").execute(Tuple.of(tenantId, profileId))
                .map(rows -> rows.stream().map(r -> r.getString("id")).toList());
    }

    /** The tenant's queued and running jobs, follow-up steps included, oldest first (a step after its parent). */
    public Uni<List<String>> unfinishedOf(String tenantId, int limit) {
        return pool.preparedQuery("select id from jobs where tenant_id = $1 and status in ('queued', 'running') "
                        + "order by created_at, id limit $2")
                .execute(Tuple.of(tenantId, limit)).map(rows -> rows.stream().map(r -> r.getString("id")).toList());
    }

    /** Any tenant's job, read in a transaction (applying job.events, follow-up steps). */
    public Uni<Optional<Job>> findForUpdate(SqlClient client, String id) {
        return client.preparedQuery("select " + COLUMNS + " from jobs where id = $1 for update").execute(Tuple.of(id))
                .map(rows -> Rows.first(rows, JobRepository::toJob));
    }

    public Uni<Optional<Job>> findAny(String id) {
        return pool.preparedQuery("select " + COLUMNS + " from jobs where id = $1").execute(Tuple.of(id))
                .map(rows -> Rows.first(rows, JobRepository::toJob));
    }

    /** Follow-up steps of a job that have not ended. */
    public Uni<List<String>> children(SqlClient client, String parentId) {
        return client.preparedQuery("select id from jobs where parent_job_id = $1 and status in ('queued', 'running')")
                .execute(Tuple.of(parentId)).map(rows -> rows.stream().map(r -> r.getString("id")).toList());
    }

    /** Generate jobs waiting for a follow-up step that does not exist yet. */
    public Uni<List<String>> waitingForFollowUp(java.time.Duration olderThan) {
        return pool.preparedQuery("select j.id from jobs j where j.status = 'running' and j.stage = 'texture-pass' "
                        + "and j.updated_at < now() - make_interval(secs => $1) "
                        + "and not exists (select 1 from jobs c where c.parent_job_id = j.id) limit 50")
                .execute(Tuple.of((double) olderThan.toSeconds())).map(rows -> rows.stream().map(r -> r.getString("id")).toList());
    }

    /** Jobs of any tenant still queued or running that were created before the cutoff, oldest first. */
    public Uni<List<Job>> openCreatedBefore(Instant cutoff, int limit) {
        return pool.preparedQuery("select " + COLUMNS + " from jobs where status in ('queued', 'running') and created_at < $1 "
                        + "order by created_at limit $2")
                .execute(Tuple.of(Rows.utc(cutoff), limit)).map(rows -> rows.stream().map(JobRepository::toJob).toList());
    }

    /** The newest analyze job of an image, if any. */
    public Uni<Optional<Job>> latestAnalysis(String tenantId, String imageId) {
        return pool.preparedQuery("select " + COLUMNS + " from jobs where tenant_id = $1 and type = 'analyze' "
                        + "and request ->> 'imageId' = $2 order by created_at desc limit 1")
                .execute(Tuple.of(tenantId, imageId))
                .map(rows -> Rows.first(rows, JobRepository::toJob));
    }

    /** A running job's stage, progress and interim result (a generate job waiting for its texture pass). */
    public Uni<Void> markStage(SqlClient client, String id, String stage, int progress, JsonNode interim) {
        return client.preparedQuery("update jobs set status = 'running', stage = $2, progress = $3, result = $4::text::jsonb, "
                        + "updated_at = now() where id = $1 and status in ('queued', 'running')")
                .execute(Tuple.of(id, stage, progress, interim == null ? null : EventJson.write(interim))).replaceWithVoid();
    }

    /** The tenant's job; another tenant's job is as absent as a missing one. */
    public Uni<Optional<Job>> find(String tenantId, String id) {
        return pool.preparedQuery("select " + COLUMNS + " from jobs where id = $1 and tenant_id = $2")
                .execute(Tuple.of(id, tenantId))
                .map(rows -> Rows.first(rows, JobRepository::toJob));
    }

    /**
     * Newest first; {@code before} is the cursor: (created_at, id) of the last job of the previous page. {@code createdBy}:
     * only the jobs that key submitted (another tenant's key matches none: the tenant is always in the filter).
     */
    public Uni<List<Job>> list(String tenantId, String status, String type, String createdBy, Instant beforeCreated, String beforeId,
                               int limit) {
        return new NewestFirst("select " + COLUMNS + " from jobs", tenantId).where("created_by", createdBy).where("status", status)
                .where("type", type).page(pool, beforeCreated, beforeId, limit)
                .map(rows -> rows.stream().map(JobRepository::toJob).toList());
    }

    /** A job's status in any tenant, for applying job.events (whose tenant may be unknown for poison records). */
    public Uni<Optional<JobStatus>> statusForUpdate(SqlClient client, String id) {
        return client.preparedQuery("select status from jobs where id = $1 for update").execute(Tuple.of(id))
                .map(rows -> Rows.first(rows, row -> JobStatus.fromWire(row.getString("status"))));
    }

    public Uni<Void> markRunning(SqlClient client, String id, String stage, int progress) {
        return client.preparedQuery("update jobs set status = 'running', stage = coalesce($2, stage), "
                        + "progress = greatest(progress, $3), updated_at = now() where id = $1 and status in ('queued', 'running')")
                .execute(Tuple.of(id, stage, progress)).replaceWithVoid();
    }

    /** The worker of a canceled job has reported its end (its slot under the plan's cap is free again). */
    public Uni<Void> markWorkerEnded(SqlClient client, String id) {
        return client.preparedQuery("update jobs set worker_ended_at = now() where id = $1 and status = 'canceled' "
                        + "and worker_ended_at is null")
                .execute(Tuple.of(id)).replaceWithVoid();
    }

    /** Ends a job that has not ended; true when this call ended it. */
    public Uni<Boolean> finish(SqlClient client, String id, JobStatus status, JsonNode result, JsonNode error) {
        return client.preparedQuery("update jobs set status = $2, result = $3::text::jsonb, error = $4::text::jsonb, progress = 100, "
                        + "updated_at = now(), finished_at = now() where id = $1 and status in ('queued', 'running')")
                .execute(Tuple.of(id, status.wire(), result == null ? null : EventJson.write(result),
                        error == null ? null : EventJson.write(error)))
                .map(rows -> rows.rowCount() == 1);
    }

    private static Job toJob(Row row) {
        return new Job(row.getString("id"), row.getString("tenant_id"), row.getString("type"),
                JobStatus.fromWire(row.getString("status")), Rows.json(row, "request"), row.getInteger("progress"),
                row.getString("stage"), Rows.json(row, "result"), Rows.json(row, "error"), Rows.instant(row, "created_at"),
                Rows.instant(row, "updated_at"), Rows.instant(row, "finished_at"),
                row.getString("webhook_url"), row.getString("parent_job_id"), row.getString("created_by"));
    }
}
