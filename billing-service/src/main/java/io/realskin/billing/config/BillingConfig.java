package io.realskin.billing.config;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;

/** Settings of billing-service under {@code realskin.billing}; env vars override them (REALSKIN_BILLING_...). */
@ConfigMapping(prefix = "realskin.billing")
public interface BillingConfig {
    /** Plan of an account created on its first hold. */
    String defaultPlan();

    /** LOW_BALANCE is published when available drops below this many credits. */
    long lowBalanceThreshold();

    Holds holds();

    Referral referral();

    Consumer consumer();

    Outbox outbox();

    Grants grants();

    Reconciliation reconciliation();

    interface Holds {
        /** A hold neither captured nor released within this time is released by {@code HoldExpiryJob}. */
        Duration ttl();

        /**
         * How long after its placing a hold can still be renewed for a full {@link #ttl()} by its job's hold being asked
         * for again: past that it is expired there and then, so that asking again and again reserves no credits forever.
         */
        Duration renewableFor();

        String expiryCheckEvery();

        /**
         * How far out of their timestamps' order job events may be appended to job.events (a producer's retries, its
         * clock's skew): a hold expires only once every event produced up to this long after its expiry is applied.
         */
        Duration expiryEventSlack();
    }

    interface Referral {
        /** Share of each purchase credited to the referrer, in percent (rounded down). */
        int commissionPercent();
    }

    interface Consumer {
        int maxBatch();

        /** job.events consumers in this process, each with its share of the partitions. */
        int concurrency();
    }

    interface Outbox {
        int batchSize();

        String pollEvery();
    }

    interface Grants {
        String checkEvery();
    }

    interface Reconciliation {
        /** How often the drift and low-balance gauges are measured (a pass over every account: keep it minutes). */
        String checkEvery();

        /**
         * In how many checks the drift check sums every tenant's ledger once (a slice of the accounts each check): what
         * entries booked without their ledger sums do to a balance is found within this many checks.
         */
        int checksPerFullPass();
    }
}
