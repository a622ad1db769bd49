package io.realskin.billing.service;

import io.realskin.billing.config.BillingConfig;
import io.realskin.billing.domain.Account;
import io.realskin.billing.domain.BillingProblems;
import io.realskin.billing.domain.Hold;
import io.realskin.billing.domain.LedgerEntry;
import io.realskin.billing.domain.Plan;
import io.realskin.billing.domain.PriceList;
import io.realskin.billing.domain.Settlement;
import io.realskin.billing.domain.Workload;
import io.realskin.billing.repository.AccountRepository;
import io.realskin.billing.repository.HoldRepository;
import io.realskin.billing.repository.LedgerRepository;
import io.realskin.billing.repository.OutboxRepository;
import io.realskin.billing.repository.Transactions;
import io.realskin.contracts.JobTypes;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;

/** Reserving credits when a job is submitted. */
@ApplicationScoped
public class HoldService {
    private final AccountService accountService;
    private final SettlementService settlements;
    private final AccountRepository accounts;
    private final HoldRepository holds;
    private final LedgerRepository ledger;
    private final OutboxRepository outbox;
    private final LowBalanceCheck lowBalance;
    private final Transactions tx;
    private final Duration ttl;

    public HoldService(AccountService accountService, SettlementService settlements, AccountRepository accounts,
                       HoldRepository holds, LedgerRepository ledger, OutboxRepository outbox, LowBalanceCheck lowBalance,
                       Transactions tx, BillingConfig config) {
        this.accountService = accountService;
        this.settlements = settlements;
        this.accounts = accounts;
        this.holds = holds;
        this.ledger = ledger;
        this.outbox = outbox;
        this.lowBalance = lowBalance;
        this.tx = tx;
        this.ttl = config.holds().ttl();
    }

    /** The hold and the balances after it; {@code created} is false when the job had its hold already. */
    public record HoldResult(Hold hold, long available, long held, boolean created) {
    }

    public Uni<HoldResult> place(String tenantId, String jobId, Workload quote) {
        Ids.require("tenantId", tenantId);
        Ids.require("jobId", jobId);
        return accountService.catalog().flatMap(catalog -> {
            PriceList prices = catalog.currentPrices();
            long amount = prices.cost(quote); // validates the quote before any account is created
            return accountService.ensure(tenantId)
                    .flatMap(ignored -> tx.inTransaction(conn -> holds.find(conn, jobId).flatMap(existing -> existing.isPresent()
                            ? replay(conn, existing.get(), tenantId)
                            : accounts.find(conn, tenantId).flatMap(found -> {
                                Account account = found.orElseThrow();
                                checkEntitlement(catalog.plan(account.plan()), prices, quote);
                                return reserve(conn, account, jobId, amount, prices.version(), quote);
                            }))));
        });
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

    private Uni<HoldResult> reserve(SqlConnection conn, Account account, String jobId, long amount, int priceVersion, Workload quote) {
        String tenantId = account.tenantId();
        // The guarded update is the only check that counts: it cannot take available below zero, whatever runs concurrently.
        return accounts.applyGuarded(conn, tenantId, -amount, amount).flatMap(updated -> {
            if (updated.isEmpty()) {
                return accounts.find(conn, tenantId).map(now -> {
                    throw BillingProblems.insufficientCredits(amount, now.map(Account::available).orElse(0L));
                });
            }
            Account after = updated.get();
            long before = after.available() + amount;
            return holds.insert(conn, jobId, tenantId, amount, priceVersion, quote, ttl)
                    .call(hold -> ledger.append(conn, LedgerEntry.hold(tenantId, jobId, amount)))
                    .call(hold -> outbox.insertAll(conn, lowBalance.after(tenantId, jobId, before, after.available()).stream().toList()))
                    .map(hold -> new HoldResult(hold, after.available(), after.held(), true));
        });
    }

    private Uni<HoldResult> replay(SqlConnection conn, Hold hold, String tenantId) {
        if (!hold.tenantId().equals(tenantId)) {
            throw BillingProblems.conflict("job " + hold.jobId() + " has a hold of another tenant");
        }
        return accounts.find(conn, tenantId).map(found -> {
            Account account = found.orElseThrow();
            return new HoldResult(hold, account.available(), account.held(), false);
        });
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
