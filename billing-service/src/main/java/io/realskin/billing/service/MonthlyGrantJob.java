package io.realskin.billing.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.realskin.billing.domain.Account;
import io.realskin.billing.domain.Catalog;
import io.realskin.billing.domain.IdempotencyKeys;
import io.realskin.billing.domain.LedgerEntry;
import io.realskin.billing.domain.Plan;
import io.realskin.billing.repository.AccountRepository;
import io.realskin.billing.repository.Transactions;
import io.realskin.support.messaging.Outages;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * A new month: what is left of last month's grant expires (grant credits are spent first, purchased ones never expire:
 * {@link Account#unusedGrant()}), then the plan's grant for the new month. Both keyed by period: exactly once each.
 */
@ApplicationScoped
@Startup // its failure counter answers 0 from the start, for the BillingRenewalsFailing alert
public class MonthlyGrantJob {
    private static final Logger LOG = Logger.getLogger(MonthlyGrantJob.class);
    private static final int BATCH = 200;

    private final AccountRepository accounts;
    private final AccountService accountService;
    private final CatalogService catalog;
    private final Transactions tx;
    private final Counter renewalsFailed;

    public MonthlyGrantJob(AccountRepository accounts, AccountService accountService, CatalogService catalog,
                           Transactions tx, MeterRegistry registry) {
        this.accounts = accounts;
        this.accountService = accountService;
        this.catalog = catalog;
        this.tx = tx;
        this.renewalsFailed = Counter.builder("billing.grants.renewal.failed")
                .description("monthly renewals of an account that failed (logged at ERROR; tried again at the next run)")
                .register(registry);
    }

    @Scheduled(every = "${realskin.billing.grants.check-every}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return renewAll()
                .onFailure().invoke(f -> LOG.warnf("monthly grants: %s (will retry)", f.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /**
     * Renews every account whose grant is from an earlier month; returns how many. An account whose renewal fails for a
     * reason of its own is logged, counted in {@code billing_grants_renewal_failed_total} and left for the next run; the
     * accounts after it are renewed (until 2026-12-07 the first failure ended the run, and every account after it in
     * tenant order kept last month's grant, run after run). A database outage still ends the run.
     */
    public Uni<Integer> renewAll() {
        String period = Periods.current();
        return catalog.catalog().flatMap(cat -> renewAll(period, cat, ""));
    }

    /** {@code after}: the last tenant of the previous batch (accounts that failed stay due: the next batch starts past them). */
    private Uni<Integer> renewAll(String period, Catalog cat, String after) {
        return accounts.dueForGrant(tx.pool(), period, after, BATCH)
                .flatMap(due -> Multi.createFrom().iterable(due)
                        .onItem().transformToUniAndConcatenate(tenantId -> renew(tenantId, period, cat)
                                .onFailure(f -> !Outages.isOutage(f)).recoverWithItem(f -> {
                                    LOG.errorf("monthly grants: the account of tenant %s cannot be renewed into %s (%s); "
                                            + "the next run tries again", tenantId, period, f.toString());
                                    renewalsFailed.increment();
                                    return 0;
                                }))
                        .collect().with(java.util.stream.Collectors.summingInt(i -> i))
                        .flatMap(n -> due.size() == BATCH
                                ? renewAll(period, cat, due.get(due.size() - 1)).map(more -> n + more)
                                : Uni.createFrom().item(n)));
    }

    /** Renews one account into {@code period} (YYYY-MM) unless it is there already; returns 1 when it renewed. */
    public Uni<Integer> renew(String tenantId, String period) {
        return catalog.catalog().flatMap(cat -> renew(tenantId, period, cat));
    }

    private Uni<Integer> renew(String tenantId, String period, Catalog cat) {
        return tx.inTransaction(conn -> accounts.findForUpdate(conn, tenantId).flatMap(found -> {
            Account account = found.orElseThrow();
            if (account.grantPeriod().compareTo(period) >= 0 || account.closed()) { // closed since it was found due: passed by
                return Uni.createFrom().item(0);
            }
            Plan plan = cat.plan(account.plan());
            long expiring = Math.min(account.available(), account.unusedGrant());
            Uni<Void> expire = expiring <= 0 ? Uni.createFrom().voidItem()
                    : accounts.applyGuarded(conn, tenantId, -expiring, 0).flatMap(a -> accountService.book(conn,
                            LedgerEntry.expiry(tenantId, expiring, IdempotencyKeys.expiry(tenantId, account.grantPeriod()),
                                    "unused grant of " + account.grantPeriod())));
            return expire
                    .flatMap(v -> accountService.credit(conn, LedgerEntry.grant(tenantId, plan.monthlyGrant(),
                            IdempotencyKeys.monthlyGrant(tenantId, period), "monthly grant of plan " + plan.code())))
                    .flatMap(a -> accounts.startPeriod(conn, tenantId, period, plan.monthlyGrant()))
                    .replaceWith(1);
        }));
    }
}
