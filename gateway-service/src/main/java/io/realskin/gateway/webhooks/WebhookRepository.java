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

    public record Delivery(String id, String tenantId, String jobId, String eventType, String url, String payload, String status,
                           int attempts, Instant nextAttemptAt, Integer lastStatus, String lastError, Instant createdAt,
                           Instant finishedAt) {
    }

    public record Attempt(String deliveryId, int attempt, Instant attemptedAt, Integer statusCode, String error, int durationMs) {
    }

    private static final String DELIVERY_COLUMNS = "id, tenant_id, job_id, event_type, url, payload, status, attempts, "
            + "next_attempt_at, last_status, last_error, created_at, finished_at";

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

    public Uni<Void> insertDelivery(SqlClient client, String id, String tenantId, String jobId, String eventType, String url,
                                    String payload) {
        return client.preparedQuery("insert into webhook_deliveries (id, tenant_id, job_id, event_type, url, payload, status) "
                        + "values ($1, $2, $3, $4, $5, $6, 'pending')")
                .execute(Tuple.tuple(List.of(id, tenantId, jobId, eventType, url, payload)))
                .replaceWithVoid();
    }

    /**
     * Due deliveries, at most {@code perEndpoint} per endpoint ({@code endpointSql}) and none to the endpoints in
     * {@code skipEndpoints}, locked for this transaction (SKIP LOCKED keeps replicas apart). Tenants take turns: the
     * oldest due delivery of every tenant comes before the second oldest of any, each turn oldest first, so a tenant
     * with thousands due (each job naming another endpoint, say) fills what the other tenants leave of the batch, and
     * their deliveries wait one batch at most, not behind all of its.
     */
    public Uni<List<Delivery>> lockDue(SqlClient client, int limit, int perEndpoint, String endpointSql, List<String> skipEndpoints) {
        return client.preparedQuery("select " + DELIVERY_COLUMNS + " from webhook_deliveries where id in ("
                        + "select id from (select id, next_attempt_at, row_number() over (partition by tenant_id "
                        + "order by next_attempt_at, id) as turn from (select id, tenant_id, next_attempt_at, row_number() over "
                        + "(partition by " + endpointSql + " order by next_attempt_at, id) as place from webhook_deliveries "
                        + "where status = 'pending' and next_attempt_at <= now() and " + endpointSql + " <> all($2)) due "
                        + "where place <= $3) fair order by turn, next_attempt_at limit $1) "
                        + "order by next_attempt_at for update skip locked")
                .execute(Tuple.of(limit, skipEndpoints.toArray(new String[0]), perEndpoint))
                .map(rows -> rows.stream().map(WebhookRepository::toDelivery).toList());
    }

    /**
     * Leases deliveries to this replica for their attempt: no run picks them again before the lease ends. A replica
     * that dies mid-attempt leaves them to be attempted again when it has (at-least-once; receivers dedupe on the id).
     */
    public Uni<Void> lease(SqlClient client, List<String> ids, Duration lease) {
        return client.preparedQuery("update webhook_deliveries set next_attempt_at = now() + make_interval(secs => $2) "
                        + "where id = any($1)")
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
                                + "last_error = $5, next_attempt_at = coalesce($6, next_attempt_at), "
                                + "finished_at = case when $3 = 'pending' then null else now() end where id = $1 and status = 'pending'")
                        .execute(Tuple.tuple(List.of(delivery.id(), attempt.attempt(), newStatus)).addValue(attempt.statusCode())
                                .addValue(attempt.error()).addValue(Rows.utc(nextAttemptAt))).replaceWithVoid());
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
                r.getString("url"), r.getString("payload"), r.getString("status"), r.getInteger("attempts"),
                Rows.instant(r, "next_attempt_at"), r.getInteger("last_status"), r.getString("last_error"),
                Rows.instant(r, "created_at"), Rows.instant(r, "finished_at"));
    }
}
