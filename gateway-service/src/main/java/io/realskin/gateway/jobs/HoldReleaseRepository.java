package io.realskin.gateway.jobs;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code hold_releases}: holds of jobs that were never created, still to be released at billing ({@link HoldReleases}).
 * Times are the database's, so that replicas with different clocks agree on what is due.
 */
@ApplicationScoped
public class HoldReleaseRepository {
    /**
     * A row taken by one sweep. {@code settled}: past {@code settle_after}, so "no hold" from billing is final;
     * {@code jobExists}: the job was created after all (a follow-up step asked again), so its hold is the job's;
     * {@code overdue}: older than the give-up age.
     */
    public record Due(String jobId, String tenantId, int attempts, boolean settled, boolean jobExists, boolean overdue) {
    }

    private final Pool pool;

    public HoldReleaseRepository(Pool pool) {
        this.pool = pool;
    }

    /** Records the release (or moves an existing row's times so it keeps the later settle and the earlier due time). */
    public Uni<Void> add(String tenantId, String jobId, Duration dueIn, Duration settleIn) {
        return pool.preparedQuery("insert into hold_releases as h (job_id, tenant_id, settle_after, due_at) "
                        + "values ($1, $2, now() + $3::bigint * interval '1 millisecond', now() + $4::bigint * interval '1 millisecond') "
                        + "on conflict (job_id) do update set settle_after = greatest(h.settle_after, excluded.settle_after), "
                        + "due_at = least(h.due_at, excluded.due_at)")
                .execute(Tuple.of(jobId, tenantId, settleIn.toMillis(), dueIn.toMillis())).replaceWithVoid();
    }

    /**
     * Takes up to {@code batch} due rows: each is pushed {@code lease} ahead and counted as an attempt, so another
     * replica's sweep (or this one's next, should this one stop) takes it only after the lease.
     */
    public Uni<List<Due>> takeDue(int batch, Duration lease, Duration giveUpAfter) {
        return pool.preparedQuery("with due as (select job_id from hold_releases where due_at <= now() order by due_at "
                        + "limit $1 for update skip locked) "
                        + "update hold_releases h set due_at = now() + $2::bigint * interval '1 millisecond', attempts = h.attempts + 1 "
                        + "from due where h.job_id = due.job_id "
                        + "returning h.job_id, h.tenant_id, h.attempts, now() >= h.settle_after as settled, "
                        + "exists (select 1 from jobs j where j.id = h.job_id) as job_exists, "
                        + "h.created_at < now() - $3::bigint * interval '1 millisecond' as overdue")
                .execute(Tuple.of(batch, lease.toMillis(), giveUpAfter.toMillis()))
                .map(rows -> {
                    List<Due> due = new ArrayList<>();
                    rows.forEach(row -> due.add(new Due(row.getString("job_id"), row.getString("tenant_id"), row.getInteger("attempts"),
                            row.getBoolean("settled"), row.getBoolean("job_exists"), row.getBoolean("overdue"))));
                    return due;
                });
    }

    /** Done with: billing released the hold, or has none and no late request can place one. */
    public Uni<Void> remove(String jobId) {
        return pool.preparedQuery("delete from hold_releases where job_id = $1").execute(Tuple.of(jobId)).replaceWithVoid();
    }

    /** Billing has no hold yet: asked again at {@code settle_after}, when its answer is final. */
    public Uni<Void> askAtSettle(String jobId) {
        return pool.preparedQuery("update hold_releases set due_at = settle_after, last_error = null where job_id = $1")
                .execute(Tuple.of(jobId)).replaceWithVoid();
    }

    /** The call failed: asked again after {@code retryIn}. */
    public Uni<Void> retry(String jobId, Duration retryIn, String error) {
        return pool.preparedQuery("update hold_releases set due_at = now() + $2::bigint * interval '1 millisecond', last_error = $3 "
                        + "where job_id = $1")
                .execute(Tuple.of(jobId, retryIn.toMillis(), error)).replaceWithVoid();
    }
}
