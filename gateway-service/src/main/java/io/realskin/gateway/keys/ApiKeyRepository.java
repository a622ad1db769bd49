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
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

@ApplicationScoped
public class ApiKeyRepository {
    private static final String COLUMNS = "k.id, k.tenant_id, k.name, k.key_hint, k.scopes, k.created_at, k.expires_at, k.revoked_at, "
            + "k.rate_limit_per_minute, k.created_by, k.last_used_at, t.plan, t.suspended_at";
    private static final String FROM = " from api_keys k join tenants t on t.id = k.tenant_id";

    private final Pool pool;

    public ApiKeyRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Stores a key that no key created (the bootstrap admin key) by its hash; a key whose hash is already stored is left
     * as it is (revoked or not). True when it was stored now.
     */
    public Uni<Boolean> insertIfAbsent(String id, String tenantId, String name, String keyHash, String hint, Set<String> scopes,
                                       Instant expiresAt, Integer rateLimitPerMinute) {
        return insert(pool, id, tenantId, name, keyHash, hint, scopes, expiresAt, rateLimitPerMinute, null);
    }

    /** As {@link #insertIfAbsent(String, String, String, String, String, Set, Instant, Integer)}, made by the key {@code createdBy}. */
    public Uni<Void> insertIfAbsent(SqlClient client, String id, String tenantId, String name, String keyHash, String hint,
                                    Set<String> scopes, Instant expiresAt, Integer rateLimitPerMinute, String createdBy) {
        return insert(client, id, tenantId, name, keyHash, hint, scopes, expiresAt, rateLimitPerMinute, createdBy).replaceWithVoid();
    }

    private static Uni<Boolean> insert(SqlClient client, String id, String tenantId, String name, String keyHash, String hint,
                                       Set<String> scopes, Instant expiresAt, Integer rateLimitPerMinute, String createdBy) {
        return client.preparedQuery("insert into api_keys (id, tenant_id, name, key_hash, key_hint, scopes, expires_at, "
                        + "rate_limit_per_minute, created_by) values ($1, $2, $3, $4, $5, $6, $7, $8, $9) on conflict (key_hash) do nothing")
                .execute(Tuple.tuple(List.of(id, tenantId)).addValue(name).addValue(keyHash).addValue(hint)
                        .addValue(scopes.toArray(new String[0])).addValue(Rows.utc(expiresAt)).addValue(rateLimitPerMinute)
                        .addValue(createdBy))
                .map(rows -> rows.rowCount() == 1);
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

    /**
     * Under {@link #lockTenants}: when the tenant's own keys (keys of the tenant, not an administrator's) have created at
     * least {@code limit} keys in it within the last 24 hours, the seconds (at least 1) until the {@code limit}-th newest
     * of those leaves that window and so makes room for one more; empty while there is room now.
     */
    public Uni<Optional<Long>> secondsUntilCreationRoom(SqlClient tx, String tenantId, int limit) {
        return tx.preparedQuery("select ceil(extract(epoch from k.created_at + interval '1 day' - now()))::bigint as wait "
                        + "from api_keys k join api_keys creator on creator.id = k.created_by "
                        + "where k.tenant_id = $1 and creator.tenant_id = $1 and k.created_at > now() - interval '1 day' "
                        + "order by k.created_at desc, k.id desc offset $2 limit 1")
                .execute(Tuple.of(tenantId, limit - 1)).map(rows -> Rows.first(rows, row -> Math.max(1, row.getLong("wait"))));
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

    /** What {@link #revokeWithDescendants} found in a key's lineage, and the ids it revoked (sorted). */
    public record LineageRevocation(Set<String> tenants, Optional<String> scopeBeyond, List<String> revoked) {
    }

    /**
     * The key and every key created from it, directly or through keys created from those (revoked ones included: the
     * walk goes through them), walked and revoked by the database in one statement, so a lineage of any length is never
     * loaded here: only the tenants its keys belong to, a scope outside {@code heldScopes} one of them holds (the first,
     * in name order, of the oldest such key; never looked for when {@code heldScopes} is null) and the ids revoked now
     * come back. Nothing is revoked unless every one of those tenants is in {@code lockedTenants} and no scope is beyond.
     * Each step of the walk looks up the keys one key created by the index on created_by (the lateral subquery, which
     * {@code offset 0} keeps from being flattened into a join the planner might hash over the whole table at every step).
     */
    public Uni<LineageRevocation> revokeWithDescendants(SqlClient tx, String id, Collection<String> lockedTenants, Set<String> heldScopes) {
        return tx.preparedQuery("with recursive tree (id) as (select id from api_keys where id = $1 "
                        + "union select made.id from tree cross join lateral "
                        + "(select k.id from api_keys k where k.created_by = tree.id offset 0) as made), "
                        + "lineage as materialized (select k.id, k.tenant_id, k.scopes, k.created_at from api_keys k join tree on tree.id = k.id), "
                        + "tenants as (select array_agg(distinct tenant_id) as ids from lineage), "
                        + "beyond as (select s.scope from lineage k cross join unnest(k.scopes) as s (scope) "
                        + "where $3::text[] is not null and not (s.scope = any($3)) order by k.created_at, k.id, s.scope collate \"C\" limit 1), "
                        + "revoked as (update api_keys k set revoked_at = now() from lineage where k.id = lineage.id and k.revoked_at is null "
                        + "and (select ids from tenants) <@ $2 and not exists (select 1 from beyond) returning k.id) "
                        + "select (select ids from tenants) as tenants, (select scope from beyond) as beyond, "
                        + "(select array_agg(id order by id collate \"C\") from revoked) as revoked")
                .execute(Tuple.of(id, lockedTenants.toArray(new String[0]), heldScopes == null ? null : heldScopes.toArray(new String[0])))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    String[] tenants = row.getArrayOfStrings("tenants");
                    String[] revoked = row.getArrayOfStrings("revoked");
                    return new LineageRevocation(tenants == null ? Set.of() : Set.of(tenants), Optional.ofNullable(row.getString("beyond")),
                            revoked == null ? List.of() : List.of(revoked));
                });
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

    /**
     * Records when each key last authenticated a request; a time older than the one stored changes nothing (another
     * replica wrote a later use).
     */
    public Uni<Void> recordLastUses(Map<String, Instant> lastUses) {
        List<Tuple> batch = lastUses.entrySet().stream()
                .map(use -> Tuple.of(use.getKey(), Rows.utc(use.getValue())))
                .toList();
        return pool.preparedQuery("update api_keys set last_used_at = greatest(last_used_at, $2) where id = $1")
                .executeBatch(batch).replaceWithVoid();
    }

    /** Revokes the key; true when it existed and was not revoked before. */
    public Uni<Boolean> revoke(String id) {
        return pool.preparedQuery("update api_keys set revoked_at = now() where id = $1 and revoked_at is null").execute(Tuple.of(id))
                .map(rows -> rows.rowCount() == 1);
    }

    private static StoredKey toKey(Row row) {
        return new StoredKey(row.getString("id"), row.getString("tenant_id"), row.getString("name"), row.getString("key_hint"),
                Set.of(row.getArrayOfStrings("scopes")), Rows.instant(row, "created_at"), Rows.instant(row, "expires_at"),
                Rows.instant(row, "revoked_at"), row.getString("plan"), row.getInteger("rate_limit_per_minute"),
                Rows.instant(row, "suspended_at"), row.getString("created_by"), Rows.instant(row, "last_used_at"));
    }
}
