package io.realskin.billing.service;

import io.realskin.billing.config.BillingConfig;
import io.realskin.billing.domain.Account;
import io.realskin.billing.domain.BillingProblems;
import io.realskin.billing.domain.Catalog;
import io.realskin.billing.domain.IdempotencyKeys;
import io.realskin.billing.domain.LedgerEntry;
import io.realskin.billing.domain.Plan;
import io.realskin.billing.repository.AccountRepository;
import io.realskin.billing.repository.LedgerRepository;
import io.realskin.billing.repository.LedgerSumsRepository;
import io.realskin.billing.repository.OutboxRepository;
import io.realskin.support.outbox.OutboxRecord;
import io.realskin.billing.repository.Transactions;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Accounts: creation with the plan's grant, plan changes, balances, referrals. */
@ApplicationScoped
public class AccountService {
    private final AccountRepository accounts;
    private final LedgerRepository ledger;
    private final LedgerSumsRepository ledgerSums;
    private final OutboxRepository outbox;
    private final CatalogService catalog;
    private final Transactions tx;
    private final String defaultPlan;

    public AccountService(AccountRepository accounts, LedgerRepository ledger, LedgerSumsRepository ledgerSums, OutboxRepository outbox,
                          CatalogService catalog, Transactions tx, BillingConfig config) {
        this.accounts = accounts;
        this.ledger = ledger;
        this.ledgerSums = ledgerSums;
        this.outbox = outbox;
        this.catalog = catalog;
        this.tx = tx;
        this.defaultPlan = config.defaultPlan();
    }

    /** The account, created with the default plan and its monthly grant when the tenant is new. */
    public Uni<Account> ensure(String tenantId) {
        return accounts.find(tx.pool(), tenantId).flatMap(found -> found.isPresent()
                ? Uni.createFrom().item(found.get())
                : catalog.catalog().flatMap(cat -> tx.inTransaction(conn -> create(conn, tenantId, cat.plan(defaultPlan))))
                        .flatMap(created -> created.isPresent()
                                ? Uni.createFrom().item(created.get())
                                // created concurrently by another request: read what it committed
                                : accounts.find(tx.pool(), tenantId).map(Optional::orElseThrow)));
    }

    public Uni<Account> get(String tenantId) {
        return accounts.find(tx.pool(), tenantId)
                .map(found -> found.orElseThrow(() -> BillingProblems.notFound("no account for tenant " + tenantId)));
    }

    /** Creates the account with the plan (idempotent), or moves an existing one to it. */
    public Uni<Account> putPlan(String tenantId, String planCode) {
        return catalog.catalog().flatMap(cat -> {
            Plan plan = cat.plan(planCode);
            return tx.inTransaction(conn -> create(conn, tenantId, plan).flatMap(created -> created.isPresent()
                    ? Uni.createFrom().item(created.get())
                    : changePlan(conn, tenantId, plan)));
        });
    }

    /** Sets who referred this tenant, once; the referrer then earns a commission on each purchase. */
    public Uni<Account> setReferrer(String tenantId, String referralCode) {
        return tx.inTransaction(conn -> accounts.findForUpdate(conn, tenantId).flatMap(found -> {
            Account account = found.orElseThrow(() -> BillingProblems.notFound("no account for tenant " + tenantId));
            return accounts.findByReferralCode(conn, referralCode).flatMap(referrer -> {
                Account ref = referrer.orElseThrow(() -> BillingProblems.invalidField("code", "unknown referral code " + referralCode));
                if (ref.tenantId().equals(tenantId)) {
                    throw BillingProblems.invalidField("code", "a tenant cannot refer itself");
                }
                if (account.referredBy() != null) {
                    if (account.referredBy().equals(ref.tenantId())) {
                        return Uni.createFrom().item(account);
                    }
                    throw BillingProblems.conflict("tenant " + tenantId + " already has a referrer");
                }
                return accounts.setReferrer(conn, tenantId, ref.tenantId()).flatMap(v -> accounts.find(conn, tenantId))
                        .map(Optional::get);
            });
        }));
    }

    /** Empty when the account existed already. */
    private Uni<Optional<Account>> create(SqlConnection conn, String tenantId, Plan plan) {
        String period = Periods.current();
        return accounts.insertIfAbsent(conn, tenantId, plan.code(), ReferralCodes.next(), period).flatMap(created -> {
            if (!created) {
                return Uni.createFrom().item(Optional.<Account>empty());
            }
            return credit(conn, LedgerEntry.grant(tenantId, plan.monthlyGrant(), IdempotencyKeys.monthlyGrant(tenantId, period),
                    "monthly grant of plan " + plan.code()))
                    .flatMap(account -> accounts.recordGrant(conn, tenantId, period, plan.monthlyGrant()))
                    .flatMap(v -> accounts.find(conn, tenantId));
        });
    }

    /** A plan with a larger grant tops this period up to it at once; a smaller one takes effect next period. */
    private Uni<Account> changePlan(SqlConnection conn, String tenantId, Plan plan) {
        return accounts.findForUpdate(conn, tenantId).flatMap(found -> {
            Account account = found.orElseThrow();
            if (account.closed()) {
                throw BillingProblems.accountClosed(tenantId, account.closedAt());
            }
            if (account.plan().equals(plan.code())) {
                return Uni.createFrom().item(account);
            }
            String period = Periods.current();
            long topUp = period.equals(account.grantPeriod()) ? plan.monthlyGrant() - account.periodGranted() : 0;
            Uni<Void> grant = topUp <= 0 ? Uni.createFrom().voidItem()
                    : credit(conn, LedgerEntry.grant(tenantId, topUp, IdempotencyKeys.planGrant(tenantId, period, plan.code()),
                            "upgrade to plan " + plan.code()))
                    .flatMap(a -> accounts.recordGrant(conn, tenantId, period, plan.monthlyGrant()));
            return grant.flatMap(v -> accounts.setPlan(conn, tenantId, plan.code()))
                    .flatMap(v -> accounts.find(conn, tenantId)).map(Optional::get);
        });
    }

    /**
     * Books a crediting entry (GRANT, PURCHASE, REFUND, positive ADJUST) and announces it as GRANTED. A repeated key
     * is caught by the unique index; callers that expect repeats look the key up first.
     */
    Uni<Account> credit(SqlConnection conn, LedgerEntry entry) {
        return accounts.applyGuarded(conn, entry.tenantId(), entry.availableDelta(), 0).flatMap(updated -> {
            Account account = updated.orElseThrow(() -> BillingProblems.notFound("no account for tenant " + entry.tenantId()));
            if (account.closed()) { // closed after the caller read it open: nothing new is booked for it
                throw BillingProblems.accountClosed(entry.tenantId(), account.closedAt());
            }
            List<OutboxRecord> events = new ArrayList<>();
            events.add(BillingEvents.granted(entry.tenantId(), entry.idempotencyKey(), entry.amount(), account.available(),
                    entry.kind().name()));
            return book(conn, entry).flatMap(v -> outbox.insertAll(conn, events)).replaceWith(account);
        });
    }

    /**
     * Books a give-back of a job's charge (an admin's REFUND), placed at {@code placedAt}: when a charge-back was owed
     * credits of the account then (reserved by its holds, or spent by its jobs), the give-back pays them first, an ADJUST
     * {@code chargeback-recovery:refund:<job>}, as a released hold does (until 2026-12-07 it all went back to the
     * account: a buyer kept credits of a reversed purchase). Announced as GRANTED: {@code amount} what went back to
     * the account, {@code chargebackRecovered} what paid the charge-back.
     */
    Uni<Account> giveBack(SqlConnection conn, LedgerEntry entry, Instant placedAt) {
        return accounts.findForUpdate(conn, entry.tenantId()).flatMap(found -> {
            Account before = found.orElseThrow(() -> BillingProblems.notFound("no account for tenant " + entry.tenantId()));
            long owed = before.owedOutOf(entry.amount(), placedAt);
            if (owed == 0) {
                return credit(conn, entry);
            }
            if (before.closed()) {
                throw BillingProblems.accountClosed(entry.tenantId(), before.closedAt());
            }
            LedgerEntry recovery = LedgerEntry.chargeBackRecoveryOf(entry, owed);
            return accounts.creditPayingOwed(conn, entry.tenantId(), entry.amount(), owed)
                    .call(after -> ledger.appendAll(conn, List.of(entry, recovery)))
                    .call(after -> ledgerSums.add(conn, List.of(entry, recovery)))
                    .call(after -> outbox.insertAll(conn, List.of(BillingEvents.granted(entry.tenantId(), entry.idempotencyKey(),
                            entry.amount() - owed, after.available(), entry.kind().name(), owed))));
        });
    }

    /** Appends an entry of an account this transaction has locked, and adds it to the account's ledger sums. */
    Uni<Void> book(SqlConnection conn, LedgerEntry entry) {
        return Uni.combine().all().unis(ledger.append(conn, entry), ledgerSums.add(conn, List.of(entry))).discardItems();
    }

    Uni<Catalog> catalog() {
        return catalog.catalog();
    }
}
