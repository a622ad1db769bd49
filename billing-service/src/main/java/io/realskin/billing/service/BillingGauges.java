package io.realskin.billing.service;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.realskin.billing.config.BillingConfig;
import io.realskin.billing.repository.Transactions;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * What the alerts watch in the books (deploy/prometheus/rules): the reconciliation drift (0 when every balance equals
 * its ledger; measured by {@link DriftCheck} without summing the whole ledger) and how many accounts are below the
 * low-balance threshold. Registered after the first check, so a gauge never shows a value nobody measured.
 */
@ApplicationScoped
public class BillingGauges {
    private static final Logger LOG = Logger.getLogger(BillingGauges.class);

    private final DriftCheck driftCheck;
    private final Transactions tx;
    private final MeterRegistry registry;
    private final long lowBalanceThreshold;
    private final AtomicLong drift = new AtomicLong();
    private final AtomicLong lowBalanceAccounts = new AtomicLong();
    private volatile boolean registered;

    public BillingGauges(DriftCheck driftCheck, Transactions tx, MeterRegistry registry, BillingConfig config) {
        this.driftCheck = driftCheck;
        this.tx = tx;
        this.registry = registry;
        this.lowBalanceThreshold = config.lowBalanceThreshold();
    }

    @Scheduled(every = "${realskin.billing.reconciliation.check-every}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> check() {
        return driftCheck.measure()
                .invoke(measured -> drift.set(measured.drift()))
                .chain(measured -> tx.pool().preparedQuery("select count(*) from accounts where available < $1")
                        .execute(Tuple.of(lowBalanceThreshold)))
                .invoke(rows -> lowBalanceAccounts.set(rows.iterator().next().getLong(0)))
                .invoke(this::register)
                .onFailure().invoke(f -> LOG.warnf("billing gauges not updated: %s", f.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    private void register() {
        if (registered) {
            return;
        }
        Gauge.builder("billing.reconciliation.drift", drift, AtomicLong::get)
                .description("credits by which balances differ from their ledger (0 = reconciled)").register(registry);
        Gauge.builder("billing.accounts.low_balance", lowBalanceAccounts, AtomicLong::get)
                .description("accounts whose available credits are below realskin.billing.low-balance-threshold").register(registry);
        registered = true;
    }
}
