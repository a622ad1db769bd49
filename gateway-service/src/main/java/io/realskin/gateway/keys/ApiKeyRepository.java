package io.realskin.gateway.keys;

import io.realskin.gateway.common.AdvisoryLocks;
import io.realskin.gateway.common.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

@ApplicationScoped
public class ApiKeyRepository {
    private static final String COLUMNS = "k.id, k.tenant_id, k.name, k.key_hint, k.scopes, k.created_at, k.expires_at, k.revoked_at, "
            + "k.rate_limit_per_minute, k.created_by, t.plan, t.suspended_at";
    private static final String FROM = " from api_keys k join tenants t on t.id = k.tenant_id";

    private final Pool pool;

    public ApiKeyRepository(Pool pool) {
        this.pool = pool;
    }

    /** Stores a key that no key created (the bootstrap admin key) by its hash; a key whose hash is already stored is left as it is. */
    public Uni<Void> insertIfAbsent(String id, String tenantId, String name, String keyHash, String hint, Set<String> scopes,
                                    Instant expiresAt, Integer rateLimitPerMinute) {
        return insertIfAbsent(pool, id, tenantId, name, keyHash, hint, scopes, expiresAt, rateLimitPerMinute, null);
    }

    /** As {@link #insertIfAbsent(String, String, String, String, String, Set, Instant, Integer)}, made by the key {@code createdBy}. */
    public Uni<Void> insertIfAbsent(SqlClient client, String id, String tenantId, String name, String keyHash, String hint,
                                    Set<String> scopes, Instant expiresAt, Integer rateLimitPerMinute, String createdBy) {
        return client.preparedQuery("insert into api_keys (id, tenant_id, name, key_hash, key_hint, scopes, expires_at, "
                        + "rate_limit_per_minute, created_by) values ($1, $2, $3, $4, $5, $6, $7, $8, $9) on conflict (key_hash) do nothing")
                .execute(Tuple.tuple(List.of(id, tenantId)).addValue(name).addValue(keyHash).addValue(hint)
                        .addValue(scopes.toArray(new String[0])).addValue(Rows.utc(expiresAt)).addValue(rateLimitPerMinute)
                        .addValue(createdBy))
                .replaceWithVoid();
    }

    /**
     * Serialises, until the transaction ends, the creation and the revocation of keys by the keys of these tenants and
     * of keys in them (one advisory lock per tenant, taken in sorted order so that two callers never wait on each other).
     */
    public Uni<Void> lockTenants(SqlClient tx, Collection<String> tenantIds) {
        Uni<Void> locked = Uni.createFrom().voidItem();
        for (String tenantId : new TreeSet<>(tenantIds)) {
            locked = locked.chain(() -> AdvisoryLocks.untilCommit(tx, "api_keys:" + tenantId));
        }
        return locked;
    }

    /** The tenant's active keys (neither revoked nor expired); under {@link #lockTenants}, two creations never both see room for one more. */
    public Uni<Long> countActive(SqlClient tx, String tenantId) {
        return tx.preparedQuery("select count(*) as active from api_keys k where k.tenant_id = $1 and " + KeyState.ACTIVE_KEY)
                .execute(Tuple.of(tenantId))
                .map(rows -> rows.iterator().next().getLong("active"));
    }

    public Uni<Optional<StoredKey>> findByHash(String keyHash) {
        return pool.preparedQuery("select " + COLUMNS + FROM + " where k.key_hash = $1").execute(Tuple.of(keyHash))
                .map(rows -> Rows.first(rows, ApiKeyRepository::toKey));
    }

    public Uni<Optional<StoredKey>> findById(String id) {
        return findById(pool, id);
    }

    /** As {@link #findById(String)}, in the caller's transaction (under {@link #lockTenants}: as committed now). */
    public Uni<Optional<StoredKey>> findById(SqlClient client, String id) {
        return client.preparedQuery("select " + COLUMNS + FROM + " where k.id = $1").execute(Tuple.of(id))
                .map(rows -> Rows.first(rows, ApiKeyRepository::toKey));
    }

    /** The key and every key created from it, directly or through keys created from those, revoked or not; oldest first. */
    public Uni<List<StoredKey>> withDescendants(SqlClient tx, String id) {
        return tx.preparedQuery("with recursive tree (id) as (select id from api_keys where id = $1 "
                        + "union select k.id from api_keys k join tree on k.created_by = tree.id) "
                        + "select " + COLUMNS + FROM + " join tree on tree.id = k.id order by k.created_at, k.id")
                .execute(Tuple.of(id)).map(rows -> rows.stream().map(ApiKeyRepository::toKey).toList());
    }

    /**
     * A page of the tenant's keys in {@code state}, newest first; {@code before*} is the cursor: (created_at, id) of the
     * last key of the previous page, null for the first.
     */
    public Uni<List<StoredKey>> page(String tenantId, KeyState state, Instant beforeCreated, String beforeId, int limit) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + FROM + " where k.tenant_id = $1 and " + state.condition());
        Tuple params = Tuple.of(tenantId);
        if (beforeCreated != null) {
            params.addValue(Rows.utc(beforeCreated)).addValue(beforeId);
            sql.append(" and (k.created_at, k.id) < ($2, $3)");
        }
        params.addValue(limit);
        sql.append(" order by k.created_at desc, k.id desc limit $").append(params.size());
        return pool.preparedQuery(sql.toString()).execute(params).map(rows -> rows.stream().map(ApiKeyRepository::toKey).toList());
    }

    /** Revokes the key; true when it existed and was not revoked before. */
    public Uni<Boolean> revoke(String id) {
        return revoke(pool, List.of(id)).map(revoked -> !revoked.isEmpty());
    }

    /** Revokes the keys; the ids of those that were not revoked before, sorted. */
    public Uni<List<String>> revoke(SqlClient client, Collection<String> ids) {
        return client.preparedQuery("update api_keys set revoked_at = now() where id = any($1) and revoked_at is null returning id")
                .execute(Tuple.of(ids.toArray(new String[0])))
                .map(rows -> rows.stream().map(row -> row.getString("id")).sorted().toList());
    }

    private static StoredKey toKey(Row row) {
        return new StoredKey(row.getString("id"), row.getString("tenant_id"), row.getString("name"), row.getString("key_hint"),
                Set.of(row.getArrayOfStrings("scopes")), Rows.instant(row, "created_at"), Rows.instant(row, "expires_at"),
                Rows.instant(row, "revoked_at"), row.getString("plan"), row.getInteger("rate_limit_per_minute"),
                Rows.instant(row, "suspended_at"), row.getString("created_by"));
    }
}
