package io.realskin.gateway.idempotency;

import com.fasterxml.jackson.databind.JsonNode;
import io.realskin.contracts.EventJson;
import io.realskin.gateway.common.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Idempotency-Key records: one row per (tenant, key); the first request claims it, its response is kept. */
@ApplicationScoped
public class IdempotencyRepository {
    public record Entry(String apiKeyId, String requestHash, String state, Integer status, String contentType, String body,
                        JsonNode headers, Instant createdAt) {
        public boolean done() {
            return "done".equals(state);
        }

        /** The request ran, but its answer held a secret, which is never stored. */
        public boolean withheld() {
            return "withheld".equals(state);
        }
    }

    private final Pool pool;

    public IdempotencyRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Claims the key for a request of an API key: true when this request may run (the key is new, expired, or its first
     * request, by the same API key, was abandoned), false when another request holds or held it.
     */
    public Uni<Boolean> claim(String tenantId, String apiKeyId, String key, String requestHash, Duration ttl, Duration staleAfter) {
        return pool.preparedQuery("insert into idempotency_keys (tenant_id, idem_key, request_hash, state, api_key_id) "
                        + "values ($1, $2, $3, 'running', $6) "
                        + "on conflict (tenant_id, idem_key) do update set request_hash = excluded.request_hash, state = 'running', "
                        + "api_key_id = excluded.api_key_id, response_status = null, response_type = null, response_body = null, "
                        + "response_headers = null, created_at = now() "
                        + "where idempotency_keys.created_at < now() - make_interval(secs => $4) "
                        + "or (idempotency_keys.state = 'running' and idempotency_keys.request_hash = excluded.request_hash "
                        + "and idempotency_keys.api_key_id = excluded.api_key_id "
                        + "and idempotency_keys.created_at < now() - make_interval(secs => $5))")
                .execute(Tuple.of(tenantId, key, requestHash, (double) ttl.toSeconds(), (double) staleAfter.toSeconds(), apiKeyId))
                .map(rows -> rows.rowCount() == 1);
    }

    public Uni<Optional<Entry>> find(String tenantId, String key) {
        return pool.preparedQuery("select api_key_id, request_hash, state, response_status, response_type, response_body, "
                        + "response_headers::text as response_headers, created_at from idempotency_keys where tenant_id = $1 and idem_key = $2")
                .execute(Tuple.of(tenantId, key))
                .map(rows -> Rows.first(rows, IdempotencyRepository::toEntry));
    }

    public Uni<Void> complete(String tenantId, String key, int status, String contentType, String body, JsonNode headers) {
        return pool.preparedQuery("update idempotency_keys set state = 'done', response_status = $3, response_type = $4, "
                        + "response_body = $5, response_headers = $6::text::jsonb where tenant_id = $1 and idem_key = $2")
                .execute(Tuple.of(tenantId, key, status, contentType, body, EventJson.write(headers)))
                .replaceWithVoid();
    }

    /** Records that the request ran and answered {@code status} with a secret: nothing of the answer is kept. */
    public Uni<Void> withhold(String tenantId, String key, int status) {
        return pool.preparedQuery("update idempotency_keys set state = 'withheld', response_status = $3 where tenant_id = $1 "
                        + "and idem_key = $2")
                .execute(Tuple.of(tenantId, key, status))
                .replaceWithVoid();
    }

    /** Forgets a claim whose request failed on our side (5xx): the client may try again with the same key. */
    public Uni<Void> release(String tenantId, String key) {
        return pool.preparedQuery("delete from idempotency_keys where tenant_id = $1 and idem_key = $2 and state = 'running'")
                .execute(Tuple.of(tenantId, key)).replaceWithVoid();
    }

    /**
     * In the transaction that deletes the object at {@code location}: each stored answer that made it (its
     * {@code Location}) is replaced with {@code problem} (a 404 problem+json), so a replay no longer hands out the deleted
     * object. The rows stay, their keys held as before.
     */
    public Uni<Integer> answerGone(SqlClient tx, String tenantId, String location, int status, String problem) {
        return tx.preparedQuery("update idempotency_keys set response_status = $3, response_type = 'application/problem+json', "
                        + "response_body = $4, response_headers = null where tenant_id = $1 and state = 'done' "
                        + "and right(response_headers->>'Location', length($2)) = $2") // as set, or made absolute on the way out
                .execute(Tuple.of(tenantId, location, status, problem)).map(rows -> rows.rowCount());
    }

    public Uni<Integer> deleteOlderThan(Duration ttl) {
        return pool.preparedQuery("delete from idempotency_keys where created_at < now() - make_interval(secs => $1)")
                .execute(Tuple.of((double) ttl.toSeconds())).map(rows -> rows.rowCount());
    }

    private static Entry toEntry(Row row) {
        return new Entry(row.getString("api_key_id"), row.getString("request_hash"), row.getString("state"), row.getInteger("response_status"),
                row.getString("response_type"), row.getString("response_body"), Rows.json(row, "response_headers"),
                Rows.instant(row, "created_at"));
    }
}
