package io.realskin.gateway.tenants;

import io.realskin.gateway.auth.AuthService;
import io.realskin.gateway.config.GatewayConfig;
import io.realskin.gateway.problems.Problems;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * {@code DELETE /v1/admin/tenants/{id}} (docs/api.md, "Erasing a tenant"): marks a suspended tenant without queued or
 * running jobs {@code erasing}; {@link TenantErasureSweep} then removes its data and makes the row a tombstone. The
 * tenant stays suspended meanwhile, so its keys stay refused until they are deleted. Asking again while it is erasing,
 * or once it is erased, answers its state and starts nothing. The administrators' tenant is never erased.
 */
@ApplicationScoped
public class TenantErasure {
    private static final Logger LOG = Logger.getLogger(TenantErasure.class);
    /** realskin.database.timeout: how long the request waits for each database step. */
    private final Duration dbTimeout;

    private final TenantErasureRepository erasures;
    private final TenantDirectory directory;
    private final AuthService auth;
    private final String adminTenant;

    public TenantErasure(TenantErasureRepository erasures, TenantDirectory directory, AuthService auth, GatewayConfig config) {
        this.dbTimeout = config.database().timeout();
        this.erasures = erasures;
        this.directory = directory;
        this.auth = auth;
        this.adminTenant = config.adminTenant();
    }

    /**
     * Blocking. The tenant, erasing or erased; 404 for an unknown tenant, 409 tenant-not-erasable (the admin tenant),
     * tenant-not-suspended, tenant-has-unfinished-jobs.
     */
    public TenantSummary request(String tenantId, String adminKeyId) {
        if (tenantId.equals(adminTenant)) {
            throw Problems.tenantNotErasable(tenantId);
        }
        boolean marked = erasures.markErasing(tenantId).await().atMost(dbTimeout);
        TenantDirectory.Found found = directory.find(tenantId).await().atMost(dbTimeout)
                .orElseThrow(() -> Problems.notFound("tenant", tenantId));
        TenantSummary tenant = found.tenant();
        if (!tenant.erasureAsked()) {
            throw tenant.suspended() ? Problems.tenantHasUnfinishedJobs(tenantId, found.unfinishedJobs()) : Problems.tenantNotSuspended(tenantId);
        }
        if (marked) {
            auth.evictTenant(tenantId);
            LOG.infof("erasure of tenant %s asked by admin key %s", tenantId, adminKeyId);
        }
        return tenant;
    }
}
