package io.realskin.gateway.tenants;

import io.realskin.gateway.backends.BillingClient;
import io.realskin.gateway.common.Ids;
import io.realskin.gateway.config.GatewayConfig;
import io.realskin.gateway.problems.Problems;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Set;
import io.realskin.gateway.auth.AuthService;

/** Tenants and their plans (admin operations); their API keys are {@link io.realskin.gateway.keys.ApiKeyService}'s. */
@ApplicationScoped
public class TenantService {
    /** realskin.database.timeout: how long a tenant write or read waits for the database. */
    private final Duration dbTimeout;
    private static final Set<String> PLANS = Set.of("free", "pro", "ultimate", "creator");

    private final TenantRepository tenants;
    private final BillingClient billing;
    private final AuthService auth;

    public TenantService(TenantRepository tenants, BillingClient billing, AuthService auth, GatewayConfig config) {
        this.dbTimeout = config.database().timeout();
        this.tenants = tenants;
        this.billing = billing;
        this.auth = auth;
    }

    /**
     * Blocking. Creates the tenant and its billing account, both or neither: the tenant row first (whatever the database
     * refuses stops here, before billing), then the account; when billing fails, the row is deleted again.
     */
    public String createTenant(String name, String plan) {
        String effectivePlan = plan == null ? "free" : plan;
        requireKnownPlan(effectivePlan);
        String id = Ids.tenant();
        tenants.insertIfAbsent(id, name, effectivePlan).await().atMost(dbTimeout);
        try {
            billing.putAccount(id, effectivePlan);
        } catch (RuntimeException e) {
            tenants.delete(id).await().atMost(dbTimeout);
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
        if (!tenants.existsUnerased(tenantId).await().atMost(dbTimeout)) {
            throw Problems.tenantErased(tenantId, "being erased or erased"); // billing closed, or closes, its account
        }
        billing.putAccount(tenantId, plan);
        tenants.setPlan(tenantId, plan).await().atMost(dbTimeout);
        auth.evictTenant(tenantId); // its keys only: every other tenant's stay cached
    }

    /** Blocking. 404 problem unless the tenant exists. */
    public void requireTenant(String tenantId) {
        if (!tenants.exists(tenantId).await().atMost(dbTimeout)) {
            throw Problems.notFound("tenant", tenantId);
        }
    }

    private static void requireKnownPlan(String plan) {
        if (plan == null || !PLANS.contains(plan)) {
            throw Problems.invalidField("plan", "plan must be one of " + PLANS);
        }
    }
}
