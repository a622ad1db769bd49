package io.realskin.billing.repository;

import io.realskin.billing.domain.Hold;
import io.realskin.billing.domain.HoldStatus;
import io.realskin.billing.domain.Workload;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Holds: one per job, HELD until captured, released or expired. */
@ApplicationScoped
public class HoldRepository {
    private static final String COLUMNS = "hold_id, job_id, tenant_id, amount, captured, status, price_version, operation, model, "
            + "megapixels, masked_fraction, grant_period, created_at";

    private static final String QUALIFIED_COLUMNS = "h.hold_id, h.job_id, h.tenant_id, h.amount, h.captured, h.status, "
            + "h.price_version, h.operation, h.model, h.megapixels, h.masked_fraction, h.grant_period, h.created_at";

    /** The new state of one hold. */
    public record Change(String jobId, HoldStatus status, long captured) {
    }

    public Uni<Hold> insert(SqlClient client, String jobId, String tenantId, long amount, int priceVersion, Workload quoted,
                            Duration ttl, String grantPeriod) {
        return client.preparedQuery("insert into holds (job_id, tenant_id, amount, status, operation, model, megapixels, masked_fraction, "
                        + "price_version, expires_at, grant_period) "
                        + "values ($1, $2, $3, 'HELD', $4, $5, $6, $7, $8, now() + $9 * interval '1 millisecond', $10) returning " + COLUMNS)
                .execute(Tuple.tuple().addValue(jobId).addValue(tenantId).addValue(amount).addValue(quoted.operation())
                        .addValue(quoted.model()).addValue(quoted.megapixels()).addValue(quoted.maskedFraction())
                        .addValue(priceVersion).addValue(ttl.toMillis()).addValue(grantPeriod))
                .map(rows -> map(rows.iterator().next()));
    }

    public Uni<Void> setGrantPeriod(SqlClient client, String jobId, String grantPeriod) {
        return client.preparedQuery("update holds set grant_period = $2 where job_id = $1")
                .execute(Tuple.of(jobId, grantPeriod)).replaceWithVoid();
    }

    /**
     * A HELD hold still within its TTL gets another TTL from now, while that ends within {@code renewableFor} of its
     * placing; false when it is not HELD, its TTL has passed (the same {@code expires_at < now()} as {@link #expired}: a
     * hold this refuses is one the expiry job settles) or a full TTL would end past that bound.
     */
    public Uni<Boolean> renew(SqlClient client, String jobId, Duration ttl, Duration renewableFor) {
        return client.preparedQuery("update holds set expires_at = now() + $2 * interval '1 millisecond' "
                        + "where job_id = $1 and status = 'HELD' and expires_at >= now() "
                        + "and now() + $2 * interval '1 millisecond' <= created_at + $3 * interval '1 millisecond'")
                .execute(Tuple.of(jobId, ttl.toMillis(), renewableFor.toMillis()))
                .map(rows -> rows.rowCount() == 1);
    }

    public Uni<Optional<Hold>> find(SqlClient client, String jobId) {
        return client.preparedQuery("select " + COLUMNS + " from holds where job_id = $1")
                .execute(Tuple.of(jobId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(map(rows.iterator().next())));
    }

    /** The job's hold, its row locked until the transaction ends (as a settlement's update locks it). */
    public Uni<Optional<Hold>> findForUpdate(SqlClient client, String jobId) {
        return client.preparedQuery("select " + COLUMNS + " from holds where job_id = $1 for update")
                .execute(Tuple.of(jobId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(map(rows.iterator().next())));
    }

    /** The CAPTURED holds among these jobs, without locking ({@link #releaseCaptured} re-checks the status). */
    public Uni<List<Hold>> capturedFor(SqlClient client, Collection<String> jobIds) {
        return client.preparedQuery("select " + COLUMNS + " from holds where job_id = any($1) and status = 'CAPTURED'")
                .execute(Tuple.of(jobIds.toArray(new String[0])))
                .map(HoldRepository::mapAll);
    }

    /**
     * CAPTURED holds of canceled jobs become RELEASED (their {@code captured} kept: what the ledger gave back); the
     * status guard makes a second cancel of a job a no-op. Returns those it changed.
     */
    public Uni<List<Hold>> releaseCaptured(SqlClient client, Collection<String> jobIds) {
        return client.preparedQuery("update holds set status = 'RELEASED', settled_at = now() "
                        + "where job_id = any($1) and status = 'CAPTURED' returning " + COLUMNS)
                .execute(Tuple.of(jobIds.toArray(new String[0])))
                .map(HoldRepository::mapAll);
    }

    /** The jobs of the tenant whose hold is still HELD (an account being closed). */
    public Uni<List<String>> openOf(SqlClient client, String tenantId) {
        return client.preparedQuery("select job_id from holds where tenant_id = $1 and status = 'HELD' order by job_id")
                .execute(Tuple.of(tenantId))
                .map(rows -> {
                    List<String> jobs = new ArrayList<>();
                    rows.forEach(row -> jobs.add(row.getString(0)));
                    return jobs;
                });
    }

    /** The HELD holds among these jobs, without locking (the settler locks the accounts, then re-checks the status). */
    public Uni<List<Hold>> openFor(SqlClient client, Collection<String> jobIds) {
        return client.preparedQuery("select " + COLUMNS + " from holds where job_id = any($1) and status = 'HELD'")
                .execute(Tuple.of(jobIds.toArray(new String[0])))
                .map(HoldRepository::mapAll);
    }

    /** Jobs whose hold outlived its TTL before {@code horizon} (every job event produced before it applied), but for {@code except}. */
    public Uni<List<String>> expired(SqlClient client, int limit, Collection<String> except, Instant horizon) {
        return client.preparedQuery("select job_id from holds where status = 'HELD' and expires_at < least(now(), $3) "
                        + "and job_id <> all($2) order by expires_at limit $1")
                .execute(Tuple.of(limit, except.toArray(new String[0]), horizon.atOffset(ZoneOffset.UTC)))
                .map(rows -> {
                    List<String> ids = new ArrayList<>();
                    rows.forEach(row -> ids.add(row.getString(0)));
                    return ids;
                });
    }

    /** HELD holds past their TTL but not before {@code horizon}: how many, and how long the oldest is past its TTL. */
    public Uni<Deferred> deferred(SqlClient client, Instant horizon) {
        return client.preparedQuery("select count(*), coalesce(extract(epoch from now() - min(expires_at)), 0)::float8 from holds "
                        + "where status = 'HELD' and expires_at < now() and expires_at >= $1")
                .execute(Tuple.of(horizon.atOffset(ZoneOffset.UTC)))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new Deferred(row.getLong(0), row.getDouble(1));
                });
    }

    /** Holds kept past their TTL for job events not applied yet. */
    public record Deferred(long holds, double oldestSecondsPastTtl) {
    }

    /**
     * Settles the holds that are still HELD (the status guard makes a second settlement of a job a no-op) and
     * returns those it settled.
     */
    public Uni<List<Hold>> settle(SqlClient client, List<Change> changes) {
        int n = changes.size();
        String[] jobIds = new String[n];
        String[] statuses = new String[n];
        Long[] captured = new Long[n];
        for (int i = 0; i < n; i++) {
            jobIds[i] = changes.get(i).jobId();
            statuses[i] = changes.get(i).status().name();
            captured[i] = changes.get(i).captured();
        }
        return client.preparedQuery("update holds h set status = c.status, captured = c.captured, settled_at = now() "
                        + "from unnest($1::text[], $2::text[], $3::int8[]) as c(job_id, status, captured) "
                        + "where h.job_id = c.job_id and h.status = 'HELD' returning " + QUALIFIED_COLUMNS)
                .execute(Tuple.of(jobIds, statuses, captured))
                .map(HoldRepository::mapAll);
    }

    private static List<Hold> mapAll(io.vertx.mutiny.sqlclient.RowSet<Row> rows) {
        List<Hold> holds = new ArrayList<>();
        rows.forEach(row -> holds.add(map(row)));
        return holds;
    }

    static Hold map(Row row) {
        Workload quoted = new Workload(row.getString("operation"), row.getString("model"),
                row.getDouble("megapixels") == null ? 0 : row.getDouble("megapixels"), row.getDouble("masked_fraction"));
        return new Hold(row.getUUID("hold_id"), row.getString("job_id"), row.getString("tenant_id"), row.getLong("amount"),
                row.getLong("captured"), HoldStatus.valueOf(row.getString("status")), row.getInteger("price_version"), quoted,
                row.getString("grant_period"), row.getOffsetDateTime("created_at").toInstant());
    }
}
