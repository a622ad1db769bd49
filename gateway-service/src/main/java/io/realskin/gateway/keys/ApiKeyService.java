package io.realskin.gateway.keys;

import io.realskin.contracts.ApiKeys;
import io.realskin.gateway.auth.AuthService;
import io.realskin.gateway.auth.Caller;
import io.realskin.gateway.auth.Scopes;
import io.realskin.gateway.common.Ids;
import io.realskin.gateway.common.Rows;
import io.realskin.gateway.common.WorkerTransactions;
import io.realskin.gateway.config.GatewayConfig;
import io.realskin.gateway.keys.KeyMetrics.By;
import io.realskin.gateway.problems.Problems;
import io.realskin.gateway.tenants.TenantRepository;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Creating and revoking API keys, for an administrator (any tenant's) and for a tenant's own keys ({@link OwnKeys}).
 * A key is shown once, in the answer; only its SHA-256 is stored. Blocking.
 */
@ApplicationScoped
public class ApiKeyService {
    private static final Logger LOG = Logger.getLogger(ApiKeyService.class);
    private static final int MAX_LOCK_ROUNDS = 5;

    private final Pool pool;
    private final ApiKeyRepository keys;
    private final TenantRepository tenants;
    private final AuthService auth;
    private final KeyMetrics metrics;
    private final String adminTenant;
    /** realskin.database.timeout: how long a creation or a revocation waits for the database. */
    private final Duration dbTimeout;

    public ApiKeyService(Pool pool, ApiKeyRepository keys, TenantRepository tenants, AuthService auth, KeyMetrics metrics,
                         GatewayConfig config) {
        this.pool = pool;
        this.keys = keys;
        this.tenants = tenants;
        this.auth = auth;
        this.metrics = metrics;
        this.adminTenant = config.adminTenant();
        this.dbTimeout = config.database().timeout();
    }

    /** 400 invalid-request unless such a key may exist at all: known scopes (admin in the admin tenant only), a future expiry, a rate in range. */
    public void requireValid(String tenantId, KeySpec spec) {
        if (spec.scopes() == null || spec.scopes().isEmpty() || spec.scopes().stream().anyMatch(Objects::isNull) // Set.of refuses contains(null)
                || !Scopes.ALL.containsAll(spec.scopes())) {
            throw Problems.invalidField("scopes", "scopes must be a non-empty subset of " + Scopes.ALL);
        }
        if (spec.scopes().contains(Scopes.ADMIN) && !tenantId.equals(adminTenant)) {
            throw Problems.invalidField("scopes", "the admin scope exists only in the admin tenant (" + adminTenant + ")");
        }
        if (spec.expiresAt() != null && (!spec.expiresAt().isAfter(Instant.now()) || !Rows.storable(spec.expiresAt()))) {
            throw Problems.invalidField("expiresAt", "expiresAt must be in the future, and before the year 10000");
        }
        Integer rate = spec.rateLimitPerMinute();
        if (rate != null && (rate < KeySpec.MIN_RATE || rate > KeySpec.MAX_RATE)) {
            throw Problems.invalidField("rateLimitPerMinute", "rateLimitPerMinute: " + KeySpec.RATE_RANGE);
        }
    }

    /**
     * Creates the key (404 for an unknown tenant), made by the calling key {@code creator}, which must still be usable
     * as committed now (401): a key revoked a moment ago, with its descendants or not, makes no key it would miss. With
     * {@code caps}, one that would make more active keys than allowed is 409 too-many-keys, and one more than the
     * tenant's keys may create within 24 hours 429 too-many-key-creations; an administrator's (null) is held to neither.
     */
    public NewKey create(Caller creator, String tenantId, KeySpec spec, boolean live, KeyCaps caps, By by) {
        if (!tenants.existsUnerased(tenantId).await().atMost(dbTimeout)) {
            if (tenants.exists(tenantId).await().atMost(dbTimeout)) {
                throw Problems.tenantErased(tenantId, "being erased or erased");
            }
            throw Problems.notFound("tenant", tenantId);
        }
        requireValid(tenantId, spec);
        String key = ApiKeys.generate(live);
        String id = Ids.key();
        WorkerTransactions.run(pool, dbTimeout, tx -> {
            keys.lockTenants(tx, List.of(tenantId, creator.tenantId())).await().atMost(dbTimeout);
            if (tenants.erasureAskedLocked(tx, tenantId).await().atMost(dbTimeout)) { // asked since the check above
                throw Problems.tenantErased(tenantId, "being erased or erased");
            }
            keys.findById(tx, creator.keyId()).await().atMost(dbTimeout)
                    .orElseThrow(() -> Problems.unauthorized("the API key is not known")).requireUsable(Instant.now());
            if (caps != null) {
                if (keys.countActive(tx, tenantId).await().atMost(dbTimeout) >= caps.maxActive()) {
                    throw Problems.tooManyKeys(caps.maxActive());
                }
                keys.secondsUntilCreationRoom(tx, tenantId, caps.maxCreatedPerDay()).await().atMost(dbTimeout).ifPresent(wait -> {
                    throw Problems.tooManyKeyCreations(caps.maxCreatedPerDay(), wait);
                });
            }
            return keys.insertIfAbsent(tx, id, tenantId, spec.name(), ApiKeyHashes.hash(key), ApiKeyHashes.hint(key), spec.scopes(),
                    spec.expiresAt(), spec.rateLimitPerMinute(), creator.keyId()).await().atMost(dbTimeout);
        });
        metrics.created(by);
        return new NewKey(keys.findById(id).await().atMost(dbTimeout).orElseThrow(), key);
    }

    /** Any tenant's key (an administrator): 404 when there is none. */
    public StoredKey revoke(String keyId) {
        StoredKey key = find(keyId);
        revoke(key, By.ADMIN);
        return key;
    }

    /** As {@link #revoke(String)}, with every key created from it; the ids revoked now. */
    public List<String> revokeWithDescendants(Caller admin, String keyId) {
        return revokeWithDescendants(admin, find(keyId), By.ADMIN);
    }

    /**
     * One of the caller's tenant's keys: another tenant's is 404, exactly like one that does not exist; one holding a
     * scope the caller lacks is 403 ({@link KeyGrantPolicy#requireRevocable}).
     */
    public void revokeOwn(Caller caller, String keyId) {
        revoke(ownRevocable(caller, keyId), By.TENANT);
    }

    /**
     * As {@link #revokeOwn}, with every key created from it, each held to the same rule (they hold no more than the key
     * that made them, so this refuses only what an administrator's key made); the ids revoked now.
     */
    public List<String> revokeOwnWithDescendants(Caller caller, String keyId) {
        return revokeWithDescendants(caller, ownRevocable(caller, keyId), By.TENANT);
    }

    private StoredKey ownRevocable(Caller caller, String keyId) {
        StoredKey stored = find(keyId);
        if (!stored.tenantId().equals(caller.tenantId())) {
            throw Problems.notFound("API key", keyId);
        }
        KeyGrantPolicy.requireRevocable(caller, stored);
        return stored;
    }

    private StoredKey find(String keyId) {
        return keys.findById(keyId).await().atMost(dbTimeout).orElseThrow(() -> Problems.notFound("API key", keyId));
    }

    /**
     * Revoked in the database, then forgotten by this replica's auth cache (that key's entries only): refused at once
     * here, and within {@code realskin.auth.cache-ttl} on the other replicas. Revoking a revoked key again changes
     * nothing, this replica's auth cache included.
     */
    private void revoke(StoredKey stored, By by) {
        if (keys.revoke(stored.id()).await().atMost(dbTimeout)) {
            metrics.revoked(by);
            auth.evictKeys(List.of(stored.id()));
        }
    }

    /**
     * The key and its descendants, revoked under the locks of every tenant a key of theirs belongs to: no key of the set
     * can create another meanwhile ({@link #create} takes its creator's tenant's lock), so none is missed. The set can
     * only grow into a tenant not locked yet through an administrator's key; then it starts again with that tenant locked
     * too (in sorted order, like every taker of these locks). A tenant's key is held to
     * {@link KeyGrantPolicy#requireRevocable} for each of them. The database walks the lineage (revoked keys kept for it
     * included), checks it and revokes it in one statement ({@link ApiKeyRepository#revokeWithDescendants}): only the
     * tenants, a refused scope and the ids revoked now come back, however long the lineage.
     */
    private List<String> revokeWithDescendants(Caller caller, StoredKey root, By by) {
        Set<String> toLock = new HashSet<>(Set.of(root.tenantId()));
        for (int attempt = 1; ; attempt++) {
            Set<String> locked = Set.copyOf(toLock);
            List<String> revoked = WorkerTransactions.run(pool, dbTimeout, tx -> {
                keys.lockTenants(tx, locked).await().atMost(dbTimeout);
                Set<String> held = by == By.TENANT && !caller.has(Scopes.ADMIN) ? caller.scopes() : null;
                ApiKeyRepository.LineageRevocation lineage = keys.revokeWithDescendants(tx, root.id(), locked, held).await().atMost(dbTimeout);
                toLock.addAll(lineage.tenants());
                if (!locked.containsAll(toLock)) {
                    return null;
                }
                lineage.scopeBeyond().ifPresent(scope -> {
                    throw KeyGrantPolicy.notRevocable(scope);
                });
                return lineage.revoked();
            });
            if (revoked != null) {
                revoked.forEach(id -> metrics.revoked(by));
                auth.evictKeys(revoked);
                LOG.infof("API key %s revoked with the keys created from it by key %s: %d revoked now %s", root.id(), caller.keyId(),
                        revoked.size(), revoked);
                return revoked;
            }
            if (attempt == MAX_LOCK_ROUNDS) {
                throw new IllegalStateException("the keys created from " + root.id() + " kept spreading to other tenants");
            }
        }
    }
}
