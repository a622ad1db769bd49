package io.realskin.gateway.auth;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.realskin.contracts.ApiKeys;
import io.realskin.gateway.config.GatewayConfig;
import io.realskin.gateway.keys.StoredKey;
import io.realskin.gateway.problems.Problems;
import io.realskin.gateway.keys.ApiKeyRepository;
import io.realskin.gateway.keys.ApiKeyHashes;
import io.realskin.gateway.keys.KeyUses;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * Resolves a bearer key to its {@link Caller}. Lookups are cached for {@code realskin.auth.cache-ttl} (default 2 s),
 * so a revoked key stops working within that time on every replica. The key's tenant's suspension is read in the same
 * lookup (one query, a join), so a suspended tenant's keys are refused within that time too; on the replica that
 * suspended it, at once ({@link #evictTenant(String)}), as a revoked key is on the replica that revoked it
 * ({@link #evictKeys(Collection)}): only the entries of those keys are forgotten, never another tenant's. Entries forgotten
 * before their time are counted, {@code realskin_gateway_auth_cache_evicted_total}.
 * <p>
 * Only keys that exist are cached: a key the database does not know is looked up each time it is sent, so that a
 * client sending random keys can neither grow the cache nor push real keys out of it (before, an unknown key was
 * cached like a known one, and a full cache was cleared). Those lookups are bounded by the client address's budget of
 * failed authentications ({@link AuthFilter}). At {@link #MAX_CACHED} the expired entries go; if it is still full (that
 * many keys in use within one TTL), a key is answered without being cached.
 */
@ApplicationScoped
public class AuthService {
    private record Cached(StoredKey key, long expiresAtNanos) {
    }

    static final int MAX_CACHED = 100_000;

    private final ApiKeyRepository keys;
    private final KeyUses uses;
    private final long ttlNanos;
    private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();
    /** Counts evictions: a lookup that read the database before one is answered but not cached (it may be stale). */
    private final AtomicLong evictions = new AtomicLong();
    private final Counter evicted;
    private final Set<Runnable> evictionListeners = ConcurrentHashMap.newKeySet();

    private final GatewayConfig.RateLimit limits;
    private final String adminTenant;
    private final String suspendedContact;

    public AuthService(ApiKeyRepository keys, KeyUses uses, GatewayConfig config, MeterRegistry registry) {
        this.keys = keys;
        this.uses = uses;
        this.evicted = registry.counter("realskin.gateway.auth.cache.evicted");
        this.ttlNanos = config.auth().cacheTtl().toNanos();
        this.limits = config.rateLimit();
        this.adminTenant = config.adminTenant();
        this.suspendedContact = config.auth().suspendedContact();
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

    /** The tenant plan's limit, which all the tenant's keys share. */
    private int tenantPerMinute(StoredKey key) {
        Integer byPlan = key.plan() == null ? null : limits.plans().get(key.plan());
        return byPlan == null ? limits.defaultPerMinute() : byPlan;
    }

    public Uni<Caller> authenticate(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return Uni.createFrom().failure(Problems.unauthorized("send your API key as Authorization: Bearer rsk_..."));
        }
        String key = keyOf(authorization);
        if (!ApiKeys.isWellFormed(key)) {
            return Uni.createFrom().failure(Problems.unauthorized("the API key is malformed"));
        }
        String hash = ApiKeyHashes.hash(key);
        return lookup(hash).map(found -> {
            StoredKey stored = found.orElseThrow(() -> Problems.unauthorized("the API key is not known"));
            stored.requireUsable(Instant.now());
            if (stored.tenantSuspendedAt() != null) {
                throw Problems.tenantSuspended(stored.tenantSuspendedAt(), suspendedContact);
            }
            uses.used(stored.id());
            return new Caller(stored.id(), stored.tenantId(), scopes(stored), tenantPerMinute(stored),
                    stored.rateLimitPerMinute(), stored.plan());
        });
    }

    /**
     * Whether this replica holds the key in its cache, expired entries included: a key that existed when it was last
     * looked up here, which no guesser can send. {@link AuthFilter} looks such a key up even while its client address's
     * budget of failed authentications is spent (at most one lookup per key and TTL, as its own requests cost anyway).
     */
    public boolean knows(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return false;
        }
        String key = keyOf(authorization);
        return ApiKeys.isWellFormed(key) && cache.containsKey(ApiKeyHashes.hash(key));
    }

    /** The key of an Authorization field, with or without its Bearer scheme. */
    private static String keyOf(String authorization) {
        boolean bearer = authorization.regionMatches(true, 0, "Bearer ", 0, 7); // a scheme is case-insensitive (RFC 9110 11.1)
        return bearer ? authorization.substring(7).trim() : authorization.trim();
    }

    /**
     * Runs {@code listener} after each eviction on this replica (a revocation, a suspension, a plan change), until the
     * returned runnable is run: an open event stream checks its key again at once ({@code jobs.StreamAccess}).
     */
    public Runnable onEviction(Runnable listener) {
        evictionListeners.add(listener);
        return () -> evictionListeners.remove(listener);
    }

    /** Forgets these keys at once on this replica (their revocation; others follow within the TTL); none, nothing. */
    public void evictKeys(Collection<String> keyIds) {
        if (!keyIds.isEmpty()) {
            Set<String> ids = Set.copyOf(keyIds);
            evictWhere(key -> ids.contains(key.id()));
        }
    }

    /** Forgets the tenant's keys at once on this replica (its suspension or resumption, a plan change; others follow within the TTL). */
    public void evictTenant(String tenantId) {
        evictWhere(key -> key.tenantId().equals(tenantId));
    }

    /** Forgets the cached keys {@code which} matches; a lookup that read the database before this is not cached. */
    private void evictWhere(Predicate<StoredKey> which) {
        evictions.incrementAndGet();
        cache.values().removeIf(cached -> {
            boolean matches = which.test(cached.key());
            if (matches) {
                evicted.increment();
            }
            return matches;
        });
        evictionListeners.forEach(Runnable::run);
    }

    private Uni<Optional<StoredKey>> lookup(String hash) {
        long now = System.nanoTime();
        Cached cached = cache.get(hash);
        if (cached != null && cached.expiresAtNanos() - now > 0) {
            return Uni.createFrom().item(Optional.of(cached.key()));
        }
        long evictionsBefore = evictions.get();
        return keys.findByHash(hash).invoke(found -> {
            if (found.isEmpty() || evictions.get() != evictionsBefore) {
                return;
            }
            if (cache.size() >= MAX_CACHED) {
                long at = System.nanoTime();
                cache.values().removeIf(entry -> entry.expiresAtNanos() - at <= 0);
                if (cache.size() >= MAX_CACHED) {
                    return;
                }
            }
            cache.put(hash, new Cached(found.get(), System.nanoTime() + ttlNanos));
        });
    }

    /** How many keys are cached (expired ones not yet dropped included): for tests. */
    int cachedKeys() {
        return cache.size();
    }
}
