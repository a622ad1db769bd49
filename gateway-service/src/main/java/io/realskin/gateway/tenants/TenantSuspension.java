package io.realskin.gateway.tenants;

import io.realskin.gateway.auth.AuthService;
import io.realskin.gateway.config.GatewayConfig;
import io.realskin.gateway.problems.Problems;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Stops and restarts a tenant's access without touching its keys: while it is suspended, {@link AuthService} refuses
 * every one of them 403 tenant-suspended (at once on this replica, within realskin.auth.cache-ttl on the others). Its
 * queued and running jobs go on to the end, their webhooks delivered, unless an operator cancels them
 * ({@link TenantJobCancels}). The administrators' tenant is never suspended.
 */
@ApplicationScoped
public class TenantSuspension {
    private static final Logger LOG = Logger.getLogger(TenantSuspension.class);
    /** realskin.database.timeout: how long a suspension or a resumption waits for the database. */
    private final Duration dbTimeout;

    private final TenantRepository tenants;
    private final TenantDirectory directory;
    private final AuthService auth;
    private final TenantMetrics metrics;
    private final String adminTenant;

    public TenantSuspension(TenantRepository tenants, TenantDirectory directory, AuthService auth, TenantMetrics metrics,
                            GatewayConfig config) {
        this.dbTimeout = config.database().timeout();
        this.tenants = tenants;
        this.directory = directory;
        this.auth = auth;
        this.metrics = metrics;
        this.adminTenant = config.adminTenant();
    }

    /** Blocking. A tenant already suspended keeps its first suspension (time and reason); 404 for an unknown tenant. */
    public TenantSummary suspend(String tenantId, String reason, String adminKeyId) {
        if (tenantId.equals(adminTenant)) {
            throw Problems.tenantNotSuspendable(tenantId);
        }
        if (tenants.suspend(tenantId, reason).await().atMost(dbTimeout)) {
            auth.evictTenant(tenantId);
            metrics.suspended();
            LOG.infof("tenant %s suspended by admin key %s", tenantId, adminKeyId);
        }
        return current(tenantId);
    }

    /**
     * Blocking. Its keys work again as they were; resuming an active tenant changes nothing. 404 for an unknown tenant,
     * 409 tenant-erased for one being erased or erased (it stays suspended until its keys are gone).
     */
    public TenantSummary resume(String tenantId, String adminKeyId) {
        if (tenants.resume(tenantId).await().atMost(dbTimeout)) {
            auth.evictTenant(tenantId);
            metrics.resumed();
            LOG.infof("tenant %s resumed by admin key %s", tenantId, adminKeyId);
        }
        TenantSummary now = current(tenantId);
        if (now.erasureAsked()) {
            throw Problems.tenantErased(tenantId, now.status());
        }
        return now;
    }

    /** The tenant after the change: read back, so an unknown id (which no update touched) is 404 here. */
    private TenantSummary current(String tenantId) {
        return directory.find(tenantId).await().atMost(dbTimeout).orElseThrow(() -> Problems.notFound("tenant", tenantId)).tenant();
    }
}
