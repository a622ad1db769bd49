package io.realskin.gateway.tenants;

import io.realskin.gateway.common.Rows;
import io.realskin.gateway.jobs.JobRepository;
import io.realskin.gateway.keys.KeyState;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Reads tenants for operators: pages of them, newest first, and one with what it uses now. */
@ApplicationScoped
public class TenantDirectory {
    /** A tenant and the usage {@code GET /v1/admin/tenants/{id}} adds to it. */
    public record Found(TenantSummary tenant, long unfinishedJobs, long usedBytes, long images) {
    }

    private static final String SUMMARY = "t.id, t.name, t.plan, t.created_at, t.suspended_at, t.suspended_reason, t.erase_requested_at, t.erased_at, "
            + "(select count(*) from api_keys k where k.tenant_id = t.id and " + KeyState.ACTIVE_KEY + ") as active_keys";

    private final Pool pool;

    public TenantDirectory(Pool pool) {
        this.pool = pool;
    }

    /**
     * Newest first; {@code q} (or null) is an exact id or a case-insensitive prefix of the name; {@code before} is the
     * cursor: (created_at, id) of the last tenant of the previous page.
     */
    public Uni<List<TenantSummary>> list(String q, Instant beforeCreated, String beforeId, int limit) {
        return pool.preparedQuery("select " + SUMMARY + " from tenants t"
                        + " where ($1::text is null or t.id = $1 or starts_with(lower(t.name), lower($1)))"
                        + " and ($2::timestamptz is null or (t.created_at, t.id) < ($2, $3::text))"
                        + " order by t.created_at desc, t.id desc limit $4")
                .execute(Tuple.tuple(Arrays.<Object>asList(q, Rows.utc(beforeCreated), beforeId, limit)))
                .map(rows -> rows.stream().map(TenantDirectory::toSummary).toList());
    }

    /** The tenant with its unfinished jobs (as the plan's cap counts them) and stored images; empty when unknown. */
    public Uni<Optional<Found>> find(String id) {
        return pool.preparedQuery("select " + SUMMARY + ", " + JobRepository.UNFINISHED_OF_TENANT_T + " as unfinished_jobs, "
                        + "coalesce(s.used_bytes, 0) as used_bytes, coalesce(s.images, 0) as images "
                        + "from tenants t left join tenant_storage s on s.tenant_id = t.id where t.id = $1")
                .execute(Tuple.of(id))
                .map(rows -> Rows.first(rows, row -> new Found(toSummary(row), row.getLong("unfinished_jobs"),
                        row.getLong("used_bytes"), row.getLong("images"))));
    }

    static TenantSummary toSummary(Row row) {
        Instant suspendedAt = Rows.instant(row, "suspended_at");
        Instant eraseRequestedAt = Rows.instant(row, "erase_requested_at");
        Instant erasedAt = Rows.instant(row, "erased_at");
        return new TenantSummary(row.getString("id"), row.getString("name"), row.getString("plan"), Rows.instant(row, "created_at"),
                TenantSummary.statusOf(suspendedAt, eraseRequestedAt, erasedAt), suspendedAt, row.getString("suspended_reason"),
                row.getLong("active_keys"), eraseRequestedAt, erasedAt);
    }
}
