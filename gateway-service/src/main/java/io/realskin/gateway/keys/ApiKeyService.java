package io.realskin.gateway.keys;

import io.realskin.contracts.ApiKeys;
import io.realskin.gateway.auth.AuthService;
import io.realskin.gateway.auth.Caller;
import io.realskin.gateway.auth.Scopes;
import io.realskin.gateway.common.Ids;
import io.realskin.gateway.common.WorkerTransactions;
import io.realskin.gateway.config.GatewayConfig;
import io.realskin.gateway.keys.KeyMetrics.By;
import io.realskin.gateway.problems.Problems;
import io.realskin.gateway.tenants.TenantRepository;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Creating and revoking API keys, for an administrator (any tenant's) and for a tenant's own keys ({@link OwnKeys}).
 * A key is shown once, in the answer; only its SHA-256 is stored. Blocking.
 */
@ApplicationScoped
public class ApiKeyService {
    private static final Duration DB_TIMEOUT = Duration.ofSeconds(10);

    private final Pool pool;
    private final ApiKeyRepository keys;
    private final TenantRepository tenants;
    private final AuthService auth;
    private final KeyMetrics metrics;
    private final String adminTenant;

    public ApiKeyService(Pool pool, ApiKeyRepository keys, TenantRepository tenants, AuthService auth, KeyMetrics metrics,
                         GatewayConfig config) {
        this.pool = pool;
        this.keys = keys;
        this.tenants = tenants;
        this.auth = auth;
        this.metrics = metrics;
        this.adminTenant = config.adminTenant();
    }

    /** 400 invalid-request unless such a key may exist at all: known scopes (admin in the admin tenant only), a future expiry, a rate in range. */
    public void requireValid(String tenantId, KeySpec spec) {
        if (spec.scopes() == null || spec.scopes().isEmpty() || spec.scopes().stream().anyMatch(Objects::isNull) // Set.of refuses contains(null)
                || !Scopes.ALL.containsAll(spec.scopes())) {
            throw Problems.invalid("scopes must be a non-empty subset of " + Scopes.ALL);
        }
        if (spec.scopes().contains(Scopes.ADMIN) && !tenantId.equals(adminTenant)) {
            throw Problems.invalid("the admin scope exists only in the admin tenant (" + adminTenant + ")");
        }
        if (spec.expiresAt() != null && !spec.expiresAt().isAfter(Instant.now())) {
            throw Problems.invalid("expiresAt must be in the future");
        }
        Integer rate = spec.rateLimitPerMinute();
        if (rate != null && (rate < 1 || rate > 10_000_000)) {
            throw Problems.invalid("rateLimitPerMinute must be between 1 and 10000000");
        }
    }

    /**
     * Creates the key (404 for an unknown tenant). With {@code maxActive}, the tenant's creations are serialised and one
     * that would make more than that many active keys is 409 too-many-keys; an administrator's (null) is not held to it.
     */
    public NewKey create(String tenantId, KeySpec spec, boolean live, Integer maxActive, By by) {
        if (!tenants.exists(tenantId).await().atMost(DB_TIMEOUT)) {
            throw Problems.notFound("tenant", tenantId);
        }
        requireValid(tenantId, spec);
        String key = ApiKeys.generate(live);
        String id = Ids.key();
        WorkerTransactions.run(pool, DB_TIMEOUT, tx -> {
            if (maxActive != null && keys.lockAndCountActive(tx, tenantId).await().atMost(DB_TIMEOUT) >= maxActive) {
                throw Problems.tooManyKeys(maxActive);
            }
            return keys.insertIfAbsent(tx, id, tenantId, spec.name(), ApiKeyHashes.hash(key), ApiKeyHashes.hint(key), spec.scopes(),
                    spec.expiresAt(), spec.rateLimitPerMinute()).await().atMost(DB_TIMEOUT);
        });
        metrics.created(by);
        return new NewKey(keys.findById(id).await().atMost(DB_TIMEOUT).orElseThrow(), key);
    }

    /** Any tenant's key (an administrator): 404 when there is none. */
    public void revoke(String keyId) {
        revoke(find(keyId), By.ADMIN);
    }

    /**
     * One of the caller's tenant's keys: another tenant's is 404, exactly like one that does not exist; one holding a
     * scope the caller lacks is 403 ({@link KeyGrantPolicy#requireRevocable}).
     */
    public void revokeOwn(Caller caller, String keyId) {
        StoredKey stored = find(keyId);
        if (!stored.tenantId().equals(caller.tenantId())) {
            throw Problems.notFound("API key", keyId);
        }
        KeyGrantPolicy.requireRevocable(caller, stored);
        revoke(stored, By.TENANT);
    }

    private StoredKey find(String keyId) {
        return keys.findById(keyId).await().atMost(DB_TIMEOUT).orElseThrow(() -> Problems.notFound("API key", keyId));
    }

    /**
     * Revoked in the database, then forgotten by this replica's auth cache: refused at once here, and within
     * {@code realskin.auth.cache-ttl} on the other replicas. Revoking a revoked key again changes nothing.
     */
    private void revoke(StoredKey stored, By by) {
        if (keys.revoke(stored.id()).await().atMost(DB_TIMEOUT)) {
            metrics.revoked(by);
        }
        auth.evict(null);
    }
}
