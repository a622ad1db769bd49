package io.realskin.gateway.jobs;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.realskin.gateway.backends.BillingClient;
import io.realskin.gateway.backends.BillingClient.Release;
import io.realskin.gateway.config.GatewayConfig;
import io.realskin.gateway.jobs.HoldReleaseRepository.Due;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Works off {@code hold_releases} ({@link HoldReleases}) on every replica: each due row is taken for a lease, so two
 * replicas never call billing for the same job at once. A failed call is tried again later, backing off from
 * {@code realskin.hold-releases.retry-after} (10 s) to 5 min; the first failure ends the round, billing being down for the rest too. Past
 * {@code realskin.hold-releases.give-up-after} billing's own hold expiry has released the credits, and the row goes.
 */
@ApplicationScoped
public class HoldReleaseSweep {
    private static final Logger LOG = Logger.getLogger(HoldReleaseSweep.class);
    /** realskin.database.timeout: how long a sweep's read or write waits for the database. */
    private final Duration dbTimeout;
    private static final int BATCH = 100;
    /** Long enough for a round of {@link #BATCH} calls, each up to three attempts of billing's timeout. */
    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final Duration LONGEST_RETRY = Duration.ofMinutes(5);

    private final HoldReleaseRepository releases;
    private final BillingClient billing;
    private final MeterRegistry registry;
    private final Duration giveUpAfter;
    private final Duration firstRetry;

    public HoldReleaseSweep(HoldReleaseRepository releases, BillingClient billing, MeterRegistry registry, GatewayConfig config) {
        this.dbTimeout = config.database().timeout();
        this.releases = releases;
        this.billing = billing;
        this.registry = registry;
        this.giveUpAfter = config.holdReleases().giveUpAfter();
        this.firstRetry = config.holdReleases().retryAfter();
    }

    @Scheduled(every = "${realskin.hold-releases.sweep-every}", delayed = "${realskin.hold-releases.sweep-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        try {
            sweep();
        } catch (RuntimeException e) {
            LOG.warnf("hold release sweep skipped (the next one retries): %s", e.toString());
        }
    }

    /** Blocking. One round over the rows due now. */
    void sweep() {
        List<Due> due = releases.takeDue(BATCH, LEASE, giveUpAfter).await().atMost(dbTimeout);
        for (Due row : due) {
            if (!settle(row)) {
                return; // the rest stay taken until the lease ends, then come again
            }
        }
    }

    /** False when billing could not be reached. */
    private boolean settle(Due row) {
        if (row.jobExists()) {
            done(row, "job_exists"); // a follow-up step created after all: the hold is the job's
            return true;
        }
        if (row.overdue()) {
            done(row, "given_up");
            return true;
        }
        Release outcome = billing.release(row.tenantId(), row.jobId());
        switch (outcome) {
            case RELEASED -> done(row, "released");
            case NO_HOLD -> {
                if (row.settled()) {
                    done(row, "no_hold");
                } else {
                    releases.askAtSettle(row.jobId()).await().atMost(dbTimeout);
                }
            }
            case FAILED -> releases.retry(row.jobId(), backoff(firstRetry, row.attempts()), "billing unavailable").await().atMost(dbTimeout);
        }
        return outcome != Release.FAILED;
    }

    private void done(Due row, String outcome) {
        releases.remove(row.jobId()).await().atMost(dbTimeout);
        registry.counter("realskin.gateway.hold.releases", "outcome", outcome).increment();
        if (outcome.equals("given_up")) {
            LOG.warnf("hold of job %s (tenant %s) not released after %d attempts; billing's hold expiry has ended it",
                    row.jobId(), row.tenantId(), row.attempts());
        } else {
            LOG.infof("hold of job %s (tenant %s): %s", row.jobId(), row.tenantId(), outcome.replace('_', ' '));
        }
    }

    /** {@code first} after the first failed attempt, doubling with each one after it, up to 5 min. */
    static Duration backoff(Duration first, int attempts) {
        int doublings = Math.min(Math.max(attempts - 1, 0), 20);
        Duration wait = first.multipliedBy(1L << doublings);
        return wait.compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : wait;
    }
}
