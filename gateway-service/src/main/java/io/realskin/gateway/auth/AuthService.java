package io.realskin.gateway.auth;

import io.realskin.contracts.ApiKeys;
import io.realskin.gateway.config.GatewayConfig;
import io.realskin.gateway.keys.StoredKey;
import io.realskin.gateway.problems.Problems;
import io.realskin.gateway.keys.ApiKeyRepository;
import io.realskin.gateway.keys.ApiKeyHashes;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves a bearer key to its {@link Caller}. Lookups are cached for {@code realskin.auth.cache-ttl} (default 2 s),
 * so a revoked key stops working within that time on every replica.
 */
@ApplicationScoped
public class AuthService {
    private record Cached(Optional<StoredKey> key, long expiresAtNanos) {
    }

    private static final int MAX_CACHED = 100_000;

    private final ApiKeyRepository keys;
    private final long ttlNanos;
    private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();

    private final GatewayConfig.RateLimit limits;
    private final String adminTenant;

    public AuthService(ApiKeyRepository keys, GatewayConfig config) {
        this.keys = keys;
        this.ttlNanos = config.auth().cacheTtl().toNanos();
        this.limits = config.rateLimit();
        this.adminTenant = config.adminTenant();
    }

    /** The key's scopes; admin counts only in the admin tenant, whatever an older key row says. */
    private Set<String> scopes(StoredKey key) {
        if (!key.scopes().contains(Scopes.ADMIN) || key.tenantId().equals(adminTenant)) {
            return key.scopes();
        }
        Set<String> withoutAdmin = new HashSet<>(key.scopes());
        withoutAdmin.remove(Scopes.ADMIN);
        return Set.copyOf(withoutAdmin);
    }

    /** The key's own limit, else its tenant plan's. */
    private int ratePerMinute(StoredKey key) {
        if (key.rateLimitPerMinute() != null) {
            return key.rateLimitPerMinute();
        }
        Integer byPlan = key.plan() == null ? null : limits.plans().get(key.plan());
        return byPlan == null ? limits.defaultPerMinute() : byPlan;
    }

    public Uni<Caller> authenticate(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return Uni.createFrom().failure(Problems.unauthorized("send your API key as Authorization: Bearer rsk_..."));
        }
        String key = authorization.startsWith("Bearer ") ? authorization.substring(7).trim() : authorization.trim();
        if (!ApiKeys.isWellFormed(key)) {
            return Uni.createFrom().failure(Problems.unauthorized("the API key is malformed"));
        }
        String hash = ApiKeyHashes.hash(key);
        return lookup(hash).map(found -> {
            StoredKey stored = found.orElseThrow(() -> Problems.unauthorized("the API key is not known"));
            stored.requireUsable(Instant.now());
            return new Caller(stored.id(), stored.tenantId(), scopes(stored), ratePerMinute(stored));
        });
    }

    /** Forgets a key at once on this replica (others follow within the cache TTL). */
    public void evict(String keyHashOrAll) {
        if (keyHashOrAll == null) {
            cache.clear();
        } else {
            cache.remove(keyHashOrAll);
        }
    }

    private Uni<Optional<StoredKey>> lookup(String hash) {
        long now = System.nanoTime();
        Cached cached = cache.get(hash);
        if (cached != null && cached.expiresAtNanos() - now > 0) {
            return Uni.createFrom().item(cached.key());
        }
        return keys.findByHash(hash).invoke(found -> {
            if (cache.size() >= MAX_CACHED) {
                cache.clear();
            }
            cache.put(hash, new Cached(found, System.nanoTime() + ttlNanos));
        });
    }
}
