package io.realskin.gateway.tenants;

import io.realskin.contracts.ApiKeys;
import io.realskin.gateway.backends.BillingClient;
import io.realskin.gateway.config.GatewayConfig;
import io.realskin.gateway.common.Ids;
import io.realskin.gateway.auth.Scopes;
import io.realskin.gateway.keys.StoredKey;
import io.realskin.gateway.keys.ApiKeyRepository;
import io.realskin.gateway.problems.Problems;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import io.realskin.gateway.auth.AuthService;
import io.realskin.gateway.keys.ApiKeyHashes;

/** Tenants and their API keys (admin operations). */
@ApplicationScoped
public class TenantService {
    private static final Duration DB_TIMEOUT = Duration.ofSeconds(10);
    private static final Set<String> PLANS = Set.of("free", "pro", "ultimate", "creator");

    private final TenantRepository tenants;
    private final ApiKeyRepository keys;
    private final BillingClient billing;
    private final AuthService auth;
    private final String adminTenant;

    public TenantService(TenantRepository tenants, ApiKeyRepository keys, BillingClient billing, AuthService auth,
                         GatewayConfig config) {
        this.tenants = tenants;
        this.keys = keys;
        this.billing = billing;
        this.auth = auth;
        this.adminTenant = config.adminTenant();
    }

    public record NewKey(StoredKey stored, String key) {
    }

    /**
     * Blocking. Creates the tenant and its billing account, both or neither: the tenant row first (whatever the database
     * refuses stops here, before billing), then the account; when billing fails, the row is deleted again.
     */
    public String createTenant(String name, String plan) {
        String effectivePlan = plan == null ? "free" : plan;
        requireKnownPlan(effectivePlan);
        String id = Ids.tenant();
        tenants.insertIfAbsent(id, name, effectivePlan).await().atMost(DB_TIMEOUT);
        try {
            billing.putAccount(id, effectivePlan);
        } catch (RuntimeException e) {
            tenants.delete(id).await().atMost(DB_TIMEOUT);
            throw e;
        }
        return id;
    }

    /**
     * Blocking. Billing first (its plan sets credits and entitlements; a PUT, so a failure here is simply retried),
     * then the gateway's copy that sets the rate limit, effective on every replica within the auth cache TTL.
     */
    public void changePlan(String tenantId, String plan) {
        requireKnownPlan(plan);
        requireTenant(tenantId);
        billing.putAccount(tenantId, plan);
        tenants.setPlan(tenantId, plan).await().atMost(DB_TIMEOUT);
        auth.evict(null);
    }

    /** Blocking. 404 problem unless the tenant exists. */
    public void requireTenant(String tenantId) {
        if (!tenants.exists(tenantId).await().atMost(DB_TIMEOUT)) {
            throw Problems.notFound("tenant", tenantId);
        }
    }

    private static void requireKnownPlan(String plan) {
        if (plan == null || !PLANS.contains(plan)) {
            throw Problems.invalid("plan must be one of " + PLANS);
        }
    }

    /** Blocking. The key is returned once and only its hash is kept. */
    public NewKey createKey(String tenantId, String name, Set<String> scopes, boolean live, Instant expiresAt,
                            Integer rateLimitPerMinute) {
        if (!tenants.exists(tenantId).await().atMost(DB_TIMEOUT)) {
            throw Problems.notFound("tenant", tenantId);
        }
        if (scopes == null || scopes.isEmpty() || scopes.contains(null) || !Scopes.ALL.containsAll(scopes)) {
            throw Problems.invalid("scopes must be a non-empty subset of " + Scopes.ALL);
        }
        if (scopes.contains(Scopes.ADMIN) && !tenantId.equals(adminTenant)) {
            throw Problems.invalid("the admin scope exists only in the admin tenant (" + adminTenant + ")");
        }
        if (expiresAt != null && !expiresAt.isAfter(Instant.now())) {
            throw Problems.invalid("expiresAt must be in the future");
        }
        if (rateLimitPerMinute != null && (rateLimitPerMinute < 1 || rateLimitPerMinute > 10_000_000)) {
            throw Problems.invalid("rateLimitPerMinute must be between 1 and 10000000");
        }
        String key = ApiKeys.generate(live);
        String id = Ids.key();
        keys.insertIfAbsent(id, tenantId, name, ApiKeyHashes.hash(key), ApiKeyHashes.hint(key), scopes, expiresAt,
                        rateLimitPerMinute)
                .await().atMost(DB_TIMEOUT);
        StoredKey stored = keys.findById(id).await().atMost(DB_TIMEOUT).orElseThrow();
        return new NewKey(stored, key);
    }

    /** Blocking. Effective at once on this replica, within the auth cache TTL on the others. */
    public void revokeKey(String keyId) {
        StoredKey stored = keys.findById(keyId).await().atMost(DB_TIMEOUT).orElseThrow(() -> Problems.notFound("API key", keyId));
        keys.revoke(stored.id()).await().atMost(DB_TIMEOUT);
        auth.evict(null);
    }
}
