package io.realskin.billing.service;

import io.realskin.billing.config.BillingConfig;
import io.realskin.billing.domain.Account;
import io.realskin.billing.domain.Catalog;
import io.realskin.billing.domain.BillingProblems;
import io.realskin.billing.domain.Hold;
import io.realskin.billing.domain.HoldStatus;
import io.realskin.billing.domain.LedgerEntry;
import io.realskin.billing.domain.Plan;
import io.realskin.billing.domain.PriceList;
import io.realskin.billing.domain.Settlement;
import io.realskin.billing.domain.Workload;
import io.realskin.billing.repository.AccountRepository;
import io.realskin.billing.repository.HoldRepository;
import io.realskin.billing.repository.LedgerRepository;
import io.realskin.billing.repository.LedgerSumsRepository;
import io.realskin.billing.repository.OutboxRepository;
import io.realskin.billing.repository.Transactions;
import io.realskin.contracts.JobTypes;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Reserving credits when a job is submitted. */
@ApplicationScoped
public class HoldService {
    private final AccountService accountService;
    private final SettlementService settlements;
    private final AccountRepository accounts;
    private final HoldRepository holds;
    private final LedgerRepository ledger;
    private final LedgerSumsRepository ledgerSums;
    private final OutboxRepository outbox;
    private final LowBalanceCheck lowBalance;
    private final Transactions tx;
    private final Duration ttl;
    private final Duration renewableFor;

    public HoldService(AccountService accountService, SettlementService settlements, AccountRepository accounts,
                       HoldRepository holds, LedgerRepository ledger, LedgerSumsRepository ledgerSums, OutboxRepository outbox,
                       LowBalanceCheck lowBalance, Transactions tx, BillingConfig config) {
        this.accountService = accountService;
        this.settlements = settlements;
        this.accounts = accounts;
        this.holds = holds;
        this.ledger = ledger;
        this.ledgerSums = ledgerSums;
        this.outbox = outbox;
        this.lowBalance = lowBalance;
        this.tx = tx;
        this.ttl = config.holds().ttl();
        this.renewableFor = config.holds().renewableFor();
    }

    /** The hold and the balances after it; {@code created} is false when the job had its hold already (as it is now). */
    public record HoldResult(Hold hold, long available, long held, boolean created) {
    }

    /**
     * One transaction, in as few round trips as it can: the job's hold and the account are read together; a new hold
     * and its ledger entry are written before the guarded update, so the account's row lock (which serializes a
     * tenant's holds) is held only from that update to the commit. A tenant without an account gets one first.
     */
    public Uni<HoldResult> place(String tenantId, String jobId, Workload quote) {
        Ids.require("tenantId", tenantId);
        Ids.require("jobId", jobId);
        return accountService.catalog().flatMap(catalog -> {
            PriceList prices = catalog.currentPrices();
            long amount = prices.cost(quote); // validates the quote before any account is created
            return attempt(tenantId, jobId, amount, prices, catalog, quote)
                    .flatMap(placed -> placed.isPresent() ? Uni.createFrom().item(placed.get())
                            : accountService.ensure(tenantId).flatMap(created -> attempt(tenantId, jobId, amount, prices, catalog, quote))
                                    .map(Optional::orElseThrow));
        });
    }

    /** Empty when the tenant has no account yet. */
    private Uni<Optional<HoldResult>> attempt(String tenantId, String jobId, long amount, PriceList prices, Catalog catalog, Workload quote) {
        return tx.inTransaction(conn -> Uni.combine().all().unis(holds.find(conn, jobId), accounts.find(conn, tenantId)).asTuple()
                .flatMap(found -> {
                    Optional<Hold> existing = found.getItem1();
                    Optional<Account> account = found.getItem2();
                    if (existing.isPresent()) {
                        return replay(conn, existing.get(), tenantId, account, catalog).map(Optional::of);
                    }
                    if (account.isEmpty()) {
                        return Uni.createFrom().item(Optional.<HoldResult>empty());
                    }
                    if (account.get().closed()) {
                        throw BillingProblems.accountClosed(tenantId, account.get().closedAt());
                    }
                    checkEntitlement(catalog.plan(account.get().plan()), prices, quote);
                    return reserve(conn, tenantId, jobId, amount, prices.version(), quote, account.get().grantPeriod())
                            .map(Optional::of);
                }));
    }

    public Uni<Hold> get(String jobId) {
        return holds.find(tx.pool(), jobId)
                .map(found -> found.orElseThrow(() -> BillingProblems.notFound("no hold for job " + jobId)));
    }

    /** Gives a job's credits back before it ran (the gateway could not dispatch it, or the user canceled it early). */
    public Uni<Hold> release(String jobId) {
        return get(jobId).flatMap(hold -> accountService.catalog().flatMap(catalog -> tx.inTransaction(conn ->
                        settlements.settle(conn, List.of(new Settlement(jobId, Settlement.Outcome.RELEASE, null, "released by request")),
                                catalog)))
                .flatMap(n -> get(jobId)));
    }

    /**
     * The hold row and its ledger entry go first, in one round trip (a concurrent hold of the same job fails the insert,
     * and the retried transaction replays it); then the guarded update, the only check that counts (with the entry's
     * ledger sums, sent with it: they are locked after the account, as everywhere), which cannot take
     * available below zero, whatever runs concurrently. When it refuses, the transaction rolls back, rows and all.
     * An account closed meanwhile (its row as the update returns it, under the lock the close took) refuses the hold, 409:
     * the close released the holds it could see, and this one it could not. The hold records the account's grant period as read before; should a renewal have committed in between (the update
     * returns the period under the lock), the hold is moved to the new one, since that renewal did not count it.
     */
    private Uni<HoldResult> reserve(SqlConnection conn, String tenantId, String jobId, long amount, int priceVersion, Workload quote,
                                    String grantPeriod) {
        LedgerEntry entry = LedgerEntry.hold(tenantId, jobId, amount);
        return Uni.combine().all().unis(holds.insert(conn, jobId, tenantId, amount, priceVersion, quote, ttl, grantPeriod),
                        ledger.append(conn, entry)).asTuple()
                .flatMap(written -> Uni.combine().all().unis(accounts.applyGuarded(conn, tenantId, -amount, amount),
                        ledgerSums.add(conn, List.of(entry))).with((updated, summed) -> updated).flatMap(updated -> {
                    if (updated.isEmpty()) {
                        return accounts.find(conn, tenantId).map(now -> {
                            throw BillingProblems.insufficientCredits(amount, now.map(Account::available).orElse(0L));
                        });
                    }
                    Account after = updated.get();
                    if (after.closed()) { // closed since it was read: the close released the holds it saw, not this one
                        throw BillingProblems.accountClosed(tenantId, after.closedAt());
                    }
                    long before = after.available() + amount;
                    Uni<Void> period = after.grantPeriod().equals(grantPeriod) ? Uni.createFrom().voidItem()
                            : holds.setGrantPeriod(conn, jobId, after.grantPeriod());
                    return period.flatMap(v -> outbox.insertAll(conn, lowBalance.after(tenantId, jobId, before, after.available())
                                    .stream().toList()))
                            .map(v -> new HoldResult(written.getItem1(), after.available(), after.held(), true));
                }));
    }

    /**
     * The job's hold again, as it is now. A caller asks again when it is about to start the job (a retry, or a generate
     * job's texture-pass step written long after its hold was placed), so a HELD hold is renewed for another TTL: the job
     * starts with its full hour. A HELD hold past its TTL that the expiry job has not reached yet expires now, so the
     * answer says EXPIRED and the caller does not start a job it will not be charged for; so does one whose renewal would
     * end past {@code holds.renewable-for} after its placing (a caller that asks and asks again without starting its job
     * kept its credits reserved forever), rather than answer HELD with less than a TTL left to the job.
     */
    private Uni<HoldResult> replay(SqlConnection conn, Hold hold, String tenantId, Optional<Account> account, Catalog catalog) {
        if (!hold.tenantId().equals(tenantId)) {
            throw BillingProblems.conflict("job " + hold.jobId() + " has a hold of another tenant");
        }
        Account own = account.orElseThrow(); // the hold's account: it exists
        if (hold.status() != HoldStatus.HELD) {
            return Uni.createFrom().item(new HoldResult(hold, own.available(), own.held(), false));
        }
        return holds.renew(conn, hold.jobId(), ttl, renewableFor).flatMap(renewed -> renewed
                ? Uni.createFrom().item(new HoldResult(hold, own.available(), own.held(), false))
                : settlements.settle(conn, List.of(Settlement.expiry(hold.jobId())), catalog)
                        .flatMap(n -> Uni.combine().all().unis(holds.find(conn, hold.jobId()), accounts.find(conn, tenantId)).asTuple())
                        .map(now -> new HoldResult(now.getItem1().orElseThrow(), now.getItem2().orElseThrow().available(),
                                now.getItem2().orElseThrow().held(), false)));
    }

    static void checkEntitlement(Plan plan, PriceList prices, Workload quote) {
        if (!plan.premiumModels() && prices.isPremium(quote.model())) {
            throw BillingProblems.planExcludes(plan.code(), "plan " + plan.code() + " does not include the premium model " + quote.model());
        }
        if (JobTypes.GENERATE.equals(quote.operation()) && plan.maxOutputMegapixels() != null
                && quote.megapixels() > plan.maxOutputMegapixels() + 1e-9) {
            throw BillingProblems.planExcludes(plan.code(), "plan " + plan.code() + " generates at most "
                    + plan.maxOutputMegapixels() + " MP, the job asks for " + quote.megapixels());
        }
    }
}
