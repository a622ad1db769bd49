package io.realskin.gateway.jobs;

import io.realskin.gateway.common.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the job history (table {@code job_history}, migration V3). Its rows are written by a trigger in the
 * transaction of each change of a job, never from Java, so no path that changes a job can forget one.
 */
@ApplicationScoped
public class JobHistoryRepository {
    private final Pool pool;

    public JobHistoryRepository(Pool pool) {
        this.pool = pool;
    }

    /** The tenant's job's changes after {@code afterSequence}, oldest first; empty for another tenant's job. */
    public Uni<List<JobChange>> after(String tenantId, String jobId, int afterSequence, int limit) {
        return pool.preparedQuery("select h.seq, h.event, h.status, h.stage, h.progress, h.result::text as result, "
                        + "h.error::text as error, h.occurred_at, j.id, j.tenant_id, j.type, j.request::text as request, "
                        + "j.created_at, j.webhook_url, j.parent_job_id, j.created_by from job_history h join jobs j on j.id = h.job_id "
                        + "where h.job_id = $1 and j.tenant_id = $2 and h.seq > $3 order by h.seq limit $4")
                .execute(Tuple.of(jobId, tenantId, afterSequence, limit))
                .map(rows -> rows.stream().map(JobHistoryRepository::toChange).toList());
    }

    /** The sequence of the newest change of each of these jobs (those that have one). */
    public Uni<Map<String, Integer>> latest(Collection<String> jobIds) {
        return pool.preparedQuery("select job_id, max(seq) as seq from job_history where job_id = any($1) group by job_id")
                .execute(Tuple.of(jobIds.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, Integer> latest = new HashMap<>();
                    rows.forEach(row -> latest.put(row.getString("job_id"), row.getInteger("seq")));
                    return latest;
                });
    }

    private static JobChange toChange(Row row) {
        JobStatus status = JobStatus.fromWire(row.getString("status"));
        Instant at = Rows.instant(row, "occurred_at");
        Job job = new Job(row.getString("id"), row.getString("tenant_id"), row.getString("type"), status,
                Rows.json(row, "request"), row.getInteger("progress"), row.getString("stage"), Rows.json(row, "result"),
                Rows.json(row, "error"), Rows.instant(row, "created_at"), at, status.terminal() ? at : null,
                row.getString("webhook_url"), row.getString("parent_job_id"), row.getString("created_by"));
        return new JobChange(row.getInteger("seq"), row.getString("event"), job);
    }
}
