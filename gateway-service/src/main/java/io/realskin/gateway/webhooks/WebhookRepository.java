package io.realskin.gateway.webhooks;

import io.realskin.gateway.common.AdvisoryLocks;
import io.realskin.gateway.common.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Webhook signing secrets (encrypted), deliveries (an outbox of HTTP calls) and their attempts. */
@ApplicationScoped
public class WebhookRepository {
    public record StoredSecret(String id, String encrypted, Instant createdAt, Instant expiresAt) {
    }

    /** {@code attemptStartedAt}: when the attempt in flight started, while one is (null when none is). */
    public record Delivery(String id, String tenantId, String jobId, String eventType, String url, String endpoint, String payload,
                           String status, int attempts, Instant nextAttemptAt, Instant attemptStartedAt, Integer lastStatus,
                           String lastError, Instant createdAt, Instant finishedAt) {
        /** An attempt is running now: leased and its lease not over (a lease that ran out is due again). */
        public boolean inFlight(Instant now) {
            return attemptStartedAt != null && nextAttemptAt != null && nextAttemptAt.isAfter(now);
        }
    }

    public record Attempt(String deliveryId, int attempt, Instant attemptedAt, Integer statusCode, String error, int durationMs) {
    }

    private static final String DELIVERY_COLUMNS = "id, tenant_id, job_id, event_type, url, endpoint, payload, status, attempts, "
            + "next_attempt_at, attempt_started_at, last_status, last_error, created_at, finished_at";
    /** How many of each tenant's oldest due deliveries a pick reads, per delivery it may pick: its work stays bounded. */
    private static final int READ_PER_PICKED = 4;

    private final Pool pool;

    public WebhookRepository(Pool pool) {
        this.pool = pool;
    }

    /** Secrets that still sign: the newest and any rotated-out one inside its overlap. */
    public Uni<List<StoredSecret>> activeSecrets(String tenantId) {
        return pool.preparedQuery("select id, secret_enc, created_at, expires_at from webhook_secrets where tenant_id = $1 "
                        + "and (expires_at is null or expires_at > now()) order by created_at desc")
                .execute(Tuple.of(tenantId))
                .map(rows -> rows.stream().map(r -> new StoredSecret(r.getString("id"), r.getString("secret_enc"),
                        Rows.instant(r, "created_at"), Rows.instant(r, "expires_at"))).toList());
    }

    /**
     * Adds a secret unless {@code maxSigning} already sign; the ones before it expire after {@code overlapSeconds}, so
     * receivers can switch without downtime. Counted and added under the tenant's lock, so concurrent rotations cannot
     * pass the bound together. Empty when added; else when the soonest-expiring signing secret stops signing.
     */
    public Uni<Optional<Instant>> rotate(String tenantId, String id, String encrypted, long overlapSeconds, int maxSigning) {
        return pool.withTransaction(tx -> AdvisoryLocks.untilCommit(tx, "webhook-secrets:" + tenantId)
                .chain(() -> tx.preparedQuery("select count(*) as signing, min(expires_at) as soonest from webhook_secrets "
                                + "where tenant_id = $1 and (expires_at is null or expires_at > now())")
                        .execute(Tuple.of(tenantId)))
                .chain(rows -> {
                    Row row = rows.iterator().next();
                    if (row.getLong("signing") >= maxSigning) {
                        return Uni.createFrom().item(Optional.ofNullable(Rows.instant(row, "soonest")));
                    }
                    return tx.preparedQuery("update webhook_secrets set expires_at = now() + make_interval(secs => $2) "
                                    + "where tenant_id = $1 and (expires_at is null or expires_at > now() + make_interval(secs => $2))")
                            .execute(Tuple.of(tenantId, (double) overlapSeconds))
                            .chain(() -> tx.preparedQuery("insert into webhook_secrets (id, tenant_id, secret_enc) values ($1, $2, $3)")
                                    .execute(Tuple.of(id, tenantId, encrypted)))
                            .replaceWith(Optional.<Instant>empty());
                }));
    }

    /** A delivery to {@code url}, counted under its endpoint ({@link EndpointSlots#endpointOf}), computed here once. */
    public Uni<Void> insertDelivery(SqlClient client, String id, String tenantId, String jobId, String eventType, String url,
                                    String payload) {
        return client.preparedQuery("insert into webhook_deliveries (id, tenant_id, job_id, event_type, url, endpoint, payload, status) "
                        + "values ($1, $2, $3, $4, $5, $6, $7, 'pending')")
                .execute(Tuple.tuple(List.of(id, tenantId, jobId, eventType, url, EndpointSlots.endpointOf(url), payload)))
                .replaceWithVoid();
    }

    /**
     * Due deliveries, locked for this transaction (SKIP LOCKED keeps replicas apart), none to a tenant's endpoint in
     * {@code fullPairs} ({@link EndpointSlots#pairOf}) or to an endpoint in {@code fullEndpoints}. Per tenant and endpoint
     * its {@code perTenant} oldest at most; per endpoint {@code perEndpoint} at most, its tenants in turn (every tenant's
     * oldest there before the second oldest of any), so a tenant's backlog at one host keeps no other tenant's
     * delivery to that host out. Tenants take turns over the whole pick too: the oldest due delivery of every tenant
     * comes before the second oldest of any, so a tenant with thousands due fills what the others leave of the
     * {@code limit}, and their deliveries wait one pick at most. Bounded work: the tenants with pending deliveries are
     * found by a walk of an index (one probe each), and of each only its {@code 4 x limit} oldest due are read.
     */
    public Uni<List<Delivery>> lockDue(SqlClient client, int limit, int perTenant, int perEndpoint, List<String> fullPairs,
                                       List<String> fullEndpoints) {
        return client.preparedQuery("with recursive pending_tenants(tenant_id) as ("
                        + "(select tenant_id from webhook_deliveries where status = 'pending' order by tenant_id limit 1) "
                        + "union all select (select d.tenant_id from webhook_deliveries d where d.status = 'pending' "
                        + "and d.tenant_id > t.tenant_id order by d.tenant_id limit 1) from pending_tenants t where t.tenant_id is not null), "
                        + "oldest_due as (select r.* from pending_tenants t cross join lateral (select id, tenant_id, endpoint, next_attempt_at "
                        + "from webhook_deliveries where tenant_id = t.tenant_id and status = 'pending' and next_attempt_at <= now() "
                        + "order by next_attempt_at, id limit $6) r), "
                        + "not_full as (select *, row_number() over (partition by tenant_id, endpoint order by next_attempt_at, id) as place "
                        + "from oldest_due where endpoint <> all($5) and tenant_id || ' ' || endpoint <> all($4)), "
                        + "shared as (select *, row_number() over (partition by endpoint order by place, next_attempt_at, id) as endpoint_turn "
                        + "from not_full where place <= $2), "
                        + "picked as (select id as picked_id, row_number() over (partition by tenant_id order by next_attempt_at, id) as turn "
                        + "from shared where endpoint_turn <= $3 order by turn, next_attempt_at limit $1) "
                        + "select " + DELIVERY_COLUMNS + " from webhook_deliveries join picked on id = picked_id "
                        + "order by turn, next_attempt_at for update of webhook_deliveries skip locked")
                .execute(Tuple.tuple(List.of(limit, perTenant, perEndpoint, fullPairs.toArray(new String[0]),
                        fullEndpoints.toArray(new String[0]), READ_PER_PICKED * limit)))
                .map(rows -> rows.stream().map(WebhookRepository::toDelivery).toList());
    }

    /**
     * Leases deliveries to this replica for their attempt: no run picks them again before the lease ends. A replica
     * that dies mid-attempt leaves them to be attempted again when it has (at-least-once; receivers dedupe on the id).
     */
    public Uni<Void> lease(SqlClient client, List<String> ids, Duration lease) {
        return client.preparedQuery("update webhook_deliveries set next_attempt_at = now() + make_interval(secs => $2), "
                        + "attempt_started_at = now() where id = any($1)")
                .execute(Tuple.of(ids.toArray(new String[0]), (double) lease.toSeconds()))
                .replaceWithVoid();
    }

    /**
     * Records one attempt and what follows: delivered, failed for good, or pending until {@code nextAttemptAt}. A
     * delivery whose attempt another replica recorded meanwhile (its lease had run out) is left as that one left it.
     */
    public Uni<Void> recordAttempt(SqlClient client, Delivery delivery, Attempt attempt, String newStatus, Instant nextAttemptAt) {
        return client.preparedQuery("insert into webhook_attempts (delivery_id, attempt, status_code, error, duration_ms) "
                        + "values ($1, $2, $3, $4, $5) on conflict (delivery_id, attempt) do nothing")
                .execute(Tuple.of(attempt.deliveryId(), attempt.attempt(), attempt.statusCode(), attempt.error(), attempt.durationMs()))
                .chain(inserted -> inserted.rowCount() == 0 ? Uni.createFrom().voidItem()
                        : client.preparedQuery("update webhook_deliveries set attempts = $2, status = $3, last_status = $4, "
                                + "last_error = $5, next_attempt_at = coalesce($6, next_attempt_at), attempt_started_at = null, "
                                + "finished_at = case when $3 = 'pending' then null else now() end where id = $1 and status = 'pending'")
                        .execute(Tuple.tuple(List.of(delivery.id(), attempt.attempt(), newStatus)).addValue(attempt.statusCode())
                                .addValue(attempt.error()).addValue(Rows.utc(nextAttemptAt))).replaceWithVoid());
    }

    /**
     * Gives a leased delivery back without an attempt: due again at {@code dueAt}, its attempts as they were. A delivery
     * whose attempt another replica recorded meanwhile is left as that one left it.
     */
    public Uni<Void> postpone(SqlClient client, Delivery delivery, Instant dueAt) {
        return client.preparedQuery("update webhook_deliveries set next_attempt_at = $2, attempt_started_at = null "
                        + "where id = $1 and status = 'pending' and attempts = $3")
                .execute(Tuple.of(delivery.id(), Rows.utc(dueAt), delivery.attempts()))
                .replaceWithVoid();
    }

    /** A tenant's deliveries, newest first, optionally of one job; {@code before*} is the page cursor. */
    public Uni<List<Delivery>> list(String tenantId, String jobId, Instant beforeCreated, String beforeId, int limit) {
        StringBuilder sql = new StringBuilder("select " + DELIVERY_COLUMNS + " from webhook_deliveries where tenant_id = $1");
        Tuple params = Tuple.of(tenantId);
        if (jobId != null) {
            params.addValue(jobId);
            sql.append(" and job_id = $").append(params.size());
        }
        if (beforeCreated != null) {
            params.addValue(Rows.utc(beforeCreated)).addValue(beforeId);
            sql.append(" and (created_at, id) < ($").append(params.size() - 1).append(", $").append(params.size()).append(")");
        }
        params.addValue(limit);
        sql.append(" order by created_at desc, id desc limit $").append(params.size());
        return pool.preparedQuery(sql.toString()).execute(params).map(rows -> rows.stream().map(WebhookRepository::toDelivery).toList());
    }

    public Uni<List<Attempt>> attempts(List<String> deliveryIds) {
        return pool.preparedQuery("select delivery_id, attempt, attempted_at, status_code, error, duration_ms from webhook_attempts "
                        + "where delivery_id = any($1) order by delivery_id, attempt")
                .execute(Tuple.of(deliveryIds.toArray(new String[0])))
                .map(rows -> rows.stream().map(r -> new Attempt(r.getString("delivery_id"), r.getInteger("attempt"),
                        Rows.instant(r, "attempted_at"), r.getInteger("status_code"), r.getString("error"),
                        r.getInteger("duration_ms"))).toList());
    }

    private static Delivery toDelivery(Row r) {
        return new Delivery(r.getString("id"), r.getString("tenant_id"), r.getString("job_id"), r.getString("event_type"),
                r.getString("url"), r.getString("endpoint"), r.getString("payload"), r.getString("status"), r.getInteger("attempts"),
                Rows.instant(r, "next_attempt_at"), Rows.instant(r, "attempt_started_at"), r.getInteger("last_status"), r.getString("last_error"),
                Rows.instant(r, "created_at"), Rows.instant(r, "finished_at"));
    }
}
