package io.realskin.gateway.jobs;

import io.micrometer.core.instrument.MeterRegistry;
import io.realskin.gateway.backends.BillingClient;
import io.realskin.gateway.backends.BillingClient.Release;
import io.realskin.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Gives back the credits of a job that was never created (docs/billing.md, "Holds of jobs that were never created"). A
 * release that fails now, and a hold call that ended without an answer (billing may have placed the hold after the
 * gateway gave up, or may yet, from a request still on its way), become a row of {@code hold_releases} that
 * {@link HoldReleaseSweep} works off: instead of the hold's hour-long expiry, the credits come back within minutes of
 * billing answering again. Blocking: call from worker threads.
 */
@ApplicationScoped
public class HoldReleases {
    private static final Logger LOG = Logger.getLogger(HoldReleases.class);
    /** realskin.database.timeout: how long recording a release for the sweep waits for the database. */
    private final Duration dbTimeout;

    private final BillingClient billing;
    private final HoldReleaseRepository releases;
    private final MeterRegistry registry;
    private final Duration settleAfter;
    private final Duration firstTryAfter;

    public HoldReleases(BillingClient billing, HoldReleaseRepository releases, MeterRegistry registry, GatewayConfig config) {
        this.dbTimeout = config.database().timeout();
        this.billing = billing;
        this.releases = releases;
        this.registry = registry;
        this.settleAfter = config.holdReleases().settleAfter();
        this.firstTryAfter = config.holdReleases().retryAfter(); // billing has just failed: not at once
    }

    /**
     * The hold of a job whose row was not written and will not be: released now, or recorded for the sweep. Billing
     * answered the hold, so any answer to the release is final.
     */
    public void releaseNow(String tenantId, String jobId) {
        if (billing.release(tenantId, jobId) == Release.FAILED) {
            record(tenantId, jobId, Duration.ZERO);
        }
    }

    /**
     * A hold call that ended without an answer: the hold may exist now or later. Billing's "no hold" counts only after
     * the settle time ({@code realskin.hold-releases.settle-after}).
     */
    public void releaseLater(String tenantId, String jobId) {
        record(tenantId, jobId, settleAfter);
    }

    private void record(String tenantId, String jobId, Duration settleIn) {
        try {
            releases.add(tenantId, jobId, firstTryAfter, settleIn).await().atMost(dbTimeout);
            registry.counter("realskin.gateway.hold.releases", "outcome", "deferred").increment();
            LOG.infof("hold of job %s (tenant %s) to be released at billing later", jobId, tenantId);
        } catch (RuntimeException e) {
            LOG.warnf("hold of job %s (tenant %s) could not be recorded for release; billing's hold expiry ends it: %s",
                    jobId, tenantId, e.toString());
        }
    }
}
