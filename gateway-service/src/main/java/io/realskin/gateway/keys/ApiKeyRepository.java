package io.realskin.gateway.keys;

import io.realskin.gateway.common.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

@ApplicationScoped
public class ApiKeyRepository {
    private static final String COLUMNS = "k.id, k.tenant_id, k.name, k.key_hint, k.scopes, k.created_at, k.expires_at, k.revoked_at, "
            + "k.rate_limit_per_minute, t.plan, t.suspended_at";
    private static final String FROM = " from api_keys k join tenants t on t.id = k.tenant_id";

    private final Pool pool;

    public ApiKeyRepository(Pool pool) {
        this.pool = pool;
    }

    /** Stores a key by its hash; a key whose hash is already stored is left as it is. */
    public Uni<Void> insertIfAbsent(String id, String tenantId, String name, String keyHash, String hint, Set<String> scopes,
                                    Instant expiresAt, Integer rateLimitPerMinute) {
        return insertIfAbsent(pool, id, tenantId, name, keyHash, hint, scopes, expiresAt, rateLimitPerMinute);
    }

    /** As {@link #insertIfAbsent(String, String, String, String, String, Set, Instant, Integer)}, in the caller's transaction. */
    public Uni<Void> insertIfAbsent(SqlClient client, String id, String tenantId, String name, String keyHash, String hint,
                                    Set<String> scopes, Instant expiresAt, Integer rateLimitPerMinute) {
        return client.preparedQuery("insert into api_keys (id, tenant_id, name, key_hash, key_hint, scopes, expires_at, "
                        + "rate_limit_per_minute) values ($1, $2, $3, $4, $5, $6, $7, $8) on conflict (key_hash) do nothing")
                .execute(Tuple.tuple(List.of(id, tenantId)).addValue(name).addValue(keyHash).addValue(hint)
                        .addValue(scopes.toArray(new String[0])).addValue(Rows.utc(expiresAt)).addValue(rateLimitPerMinute))
                .replaceWithVoid();
    }

    /**
     * Serialises the tenant's key creations until the transaction ends (an advisory lock on its id), then counts its
     * active keys (neither revoked nor expired): two creations can never both see room for one more.
     */
    public Uni<Long> lockAndCountActive(SqlClient tx, String tenantId) {
        return tx.preparedQuery("select pg_advisory_xact_lock(hashtextextended($1, 0))").execute(Tuple.of("api_keys:" + tenantId))
                .chain(() -> tx.preparedQuery("select count(*) as active from api_keys where tenant_id = $1 and revoked_at is null "
                        + "and (expires_at is null or expires_at > now())").execute(Tuple.of(tenantId)))
                .map(rows -> rows.iterator().next().getLong("active"));
    }

    public Uni<Optional<StoredKey>> findByHash(String keyHash) {
        return pool.preparedQuery("select " + COLUMNS + FROM + " where k.key_hash = $1").execute(Tuple.of(keyHash))
                .map(rows -> Rows.first(rows, ApiKeyRepository::toKey));
    }

    public Uni<Optional<StoredKey>> findById(String id) {
        return pool.preparedQuery("select " + COLUMNS + FROM + " where k.id = $1").execute(Tuple.of(id))
                .map(rows -> Rows.first(rows, ApiKeyRepository::toKey));
    }

    public Uni<List<StoredKey>> listByTenant(String tenantId) {
        return pool.preparedQuery("select " + COLUMNS + FROM + " where k.tenant_id = $1 order by k.created_at, k.id")
                .execute(Tuple.of(tenantId))
                .map(rows -> rows.stream().map(ApiKeyRepository::toKey).toList());
    }

    /** Revokes the key; true when it existed and was not revoked before. */
    public Uni<Boolean> revoke(String id) {
        return pool.preparedQuery("update api_keys set revoked_at = now() where id = $1 and revoked_at is null")
                .execute(Tuple.of(id)).map(rows -> rows.rowCount() == 1);
    }

    private static StoredKey toKey(Row row) {
        return new StoredKey(row.getString("id"), row.getString("tenant_id"), row.getString("name"), row.getString("key_hint"),
                Set.of(row.getArrayOfStrings("scopes")), Rows.instant(row, "created_at"), Rows.instant(row, "expires_at"),
                Rows.instant(row, "revoked_at"), row.getString("plan"), row.getInteger("rate_limit_per_minute"),
                Rows.instant(row, "suspended_at"));
    }
}
