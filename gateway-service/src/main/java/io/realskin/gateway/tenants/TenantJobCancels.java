package io.realskin.gateway.tenants;

import io.realskin.gateway.config.GatewayConfig;
import io.realskin.gateway.jobs.CanceledBy;
import io.realskin.gateway.jobs.CanceledJobs;
import io.realskin.gateway.jobs.Job;
import io.realskin.gateway.jobs.JobService;
import io.realskin.gateway.problems.Problems;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * An operator cancels a tenant's jobs, suspended or not (docs/api.md, "Suspending a tenant"): each one exactly as the
 * tenant's own cancel would ({@link JobService#cancel}), its error saying an operator did it. Every cancel is logged at
 * INFO with the tenant, the jobs and the admin key's id.
 */
@ApplicationScoped
public class TenantJobCancels {
    /** Jobs one bulk call cancels at most (each in its own transaction); the operator calls again while more remain. */
    public static final int MAX_PER_CALL = 100;
    private static final Logger LOG = Logger.getLogger(TenantJobCancels.class);
    /** realskin.database.timeout: how long a tenant lookup waits for the database. */
    private final Duration dbTimeout;

    private final TenantRepository tenants;
    private final JobService jobs;

    public TenantJobCancels(TenantRepository tenants, JobService jobs, GatewayConfig config) {
        this.dbTimeout = config.database().timeout();
        this.tenants = tenants;
        this.jobs = jobs;
    }

    /** Blocking. 404 for an unknown tenant or a job it does not have, 409 job-finished for a job that has ended. */
    public Job cancel(String tenantId, String jobId, String adminKeyId) {
        requireTenant(tenantId);
        Job canceled = jobs.cancel(tenantId, jobId, CanceledBy.OPERATOR);
        LOG.infof("job %s of tenant %s canceled by admin key %s", jobId, tenantId, adminKeyId);
        return canceled;
    }

    /** Blocking. The tenant's queued and running jobs, at most {@link #MAX_PER_CALL}; 404 for an unknown tenant. */
    public CanceledJobs cancelUnfinished(String tenantId, String adminKeyId) {
        requireTenant(tenantId);
        CanceledJobs done = jobs.cancelUnfinished(tenantId, MAX_PER_CALL, CanceledBy.OPERATOR);
        if (done.canceled() > 0) {
            LOG.infof("%d jobs of tenant %s canceled by admin key %s: %s", done.canceled(), tenantId, adminKeyId,
                    String.join(", ", done.jobIds()));
        }
        return done;
    }

    private void requireTenant(String tenantId) {
        if (!tenants.exists(tenantId).await().atMost(dbTimeout)) {
            throw Problems.notFound("tenant", tenantId);
        }
    }
}
