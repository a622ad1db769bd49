package io.realskin.billing.service;

import io.realskin.billing.config.BillingConfig;
import io.realskin.billing.domain.Account;
import io.realskin.billing.domain.BillingProblems;
import io.realskin.billing.domain.HoldStatus;
import io.realskin.billing.domain.IdempotencyKeys;
import io.realskin.billing.domain.LedgerEntry;
import io.realskin.billing.domain.LedgerKind;
import io.realskin.billing.repository.AccountRepository;
import io.realskin.billing.repository.HoldRepository;
import io.realskin.billing.repository.LedgerRepository;
import io.realskin.billing.repository.LedgerRepository.StoredEntry;
import io.realskin.billing.repository.OutboxRepository;
import io.realskin.billing.repository.Transactions;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Admin money movements: grants, purchases (with the referrer's commission), adjustments, refunds; amounts in range (rest/Bodies). */
@ApplicationScoped
public class CreditService {
    /** The reason of a referrer's commission: neutral, since the referrer reads it (docs/billing.md, "Referrals"). */
    public static final String REFERRAL_COMMISSION = "referral commission";

    private final AccountService accountService;
    private final AccountRepository accounts;
    private final HoldRepository holds;
    private final LedgerRepository ledger;
    private final OutboxRepository outbox;
    private final LowBalanceCheck lowBalance;
    private final Transactions tx;
    private final int commissionPercent;

    public CreditService(AccountService accountService, AccountRepository accounts, HoldRepository holds, LedgerRepository ledger,
                         OutboxRepository outbox, LowBalanceCheck lowBalance, Transactions tx, BillingConfig config) {
        this.accountService = accountService;
        this.accounts = accounts;
        this.holds = holds;
        this.ledger = ledger;
        this.outbox = outbox;
        this.lowBalance = lowBalance;
        this.tx = tx;
        this.commissionPercent = config.referral().commissionPercent();
    }

    /** The entry booked, and whether this call booked it (false: the idempotency key was used before). */
    public record Booked(StoredEntry entry, boolean created) {
    }

    /** {@code actor}: the admin key that asked, recorded with the entry (null: none given). */
    public Uni<Booked> grant(String tenantId, long amount, String clientKey, String reason, String actor) {
        String key = IdempotencyKeys.adminGrant(requireKey(clientKey));
        return once(tenantId, key, amount, conn -> accountService.credit(conn,
                LedgerEntry.grant(tenantId, amount, key, reason).by(actor)).replaceWithVoid());
    }

    public Uni<Booked> purchase(String tenantId, long amount, String clientKey, String reference) {
        String key = IdempotencyKeys.purchase(requireKey(clientKey));
        // the buyer's and the referrer's rows are locked in tenant order, as every multi-account transaction locks them:
        // locked buyer first, two tenants that referred each other deadlocked buying at once (503 after the retries)
        return once(tenantId, key, amount, conn -> accounts.find(conn, tenantId)
                .flatMap(buyer -> accounts.lockInOrder(conn, buyer.map(CreditService::withReferrer).orElse(List.of(tenantId))))
                .flatMap(locked -> accountService.credit(conn, LedgerEntry.purchase(tenantId, amount, key, reference))
                        .flatMap(account -> commission(conn, account, locked.get(account.referredBy()), amount, key))));
    }

    /** A signed correction; a negative one may not take available below zero (409). */
    public Uni<Booked> adjust(String tenantId, long signedAmount, String clientKey, String reason, String actor) {
        if (signedAmount == 0) {
            throw BillingProblems.invalidField("amount", "amount must not be 0");
        }
        String key = IdempotencyKeys.adjust(requireKey(clientKey));
        LedgerEntry entry = LedgerEntry.adjust(tenantId, signedAmount, key, reason).by(actor);
        if (signedAmount > 0) {
            return once(tenantId, key, signedAmount, conn -> accountService.credit(conn, entry).replaceWithVoid());
        }
        return once(tenantId, key, signedAmount, conn -> accounts.applyGuarded(conn, tenantId, signedAmount, 0).flatMap(updated -> {
            Account after = updated.orElseThrow(() -> BillingProblems.conflict("the adjustment would take available below zero"));
            return accountService.book(conn, entry).flatMap(v -> outbox.insertAll(conn,
                    lowBalance.after(tenantId, key, after.available() - signedAmount, after.available()).stream().toList()));
        }));
    }

    /**
     * Gives back (part of) what a job was charged; once per job (a repeat without an amount is answered with that refund).
     * The hold row is locked first, as a CANCELED that gives a captured job's charge back locks it
     * ({@code SettlementService#giveBackCanceled}): after that, the hold is RELEASED and there is nothing to refund.
     */
    public Uni<Booked> refund(String tenantId, String jobId, Long amount, String reason, String actor) {
        String key = IdempotencyKeys.refund(jobId);
        return once(tenantId, key, amount, conn -> holds.findForUpdate(conn, jobId).flatMap(found -> {
            var hold = found.filter(h -> h.tenantId().equals(tenantId))
                    .orElseThrow(() -> BillingProblems.notFound("no job " + jobId + " for tenant " + tenantId));
            long captured = hold.status() == HoldStatus.CAPTURED && hold.captured() != null ? hold.captured() : 0;
            if (captured == 0) { // was 400 "must be 1..0 credits", naming an amount nobody sent
                throw BillingProblems.notFound("job " + jobId + " has no captured charge to refund (not captured yet, released "
                        + "(a canceled job's charge is given back by its cancel), or charged 0 credits)");
            }
            long refund = amount == null ? captured : amount;
            if (refund <= 0 || refund > captured) {
                throw BillingProblems.invalidField("amount", "a refund of job " + jobId + " must be 1.." + captured + " credits, "
                        + "what it was charged");
            }
            // a job of the account's current period gives its use of the grant back with its credits (else they never expire)
            return accountService.giveBack(conn, LedgerEntry.refund(tenantId, jobId, refund, reason).by(actor), hold.placedAt())
                    .flatMap(account -> hold.grantPeriod() == null ? Uni.createFrom().voidItem()
                            : accounts.giveBackGrantUse(conn, tenantId, hold.grantPeriod(), refund));
        }));
    }

    private static List<String> withReferrer(Account buyer) {
        return buyer.referredBy() == null ? List.of(buyer.tenantId()) : List.of(buyer.tenantId(), buyer.referredBy());
    }

    /**
     * The referrer earns a share of every purchase of the tenants it referred, unless its account is closed (its tenant
     * erased: nothing is booked for it any more).
     */
    private Uni<Void> commission(SqlConnection conn, Account buyer, Account referrer, long amount, String purchaseKey) {
        long commission = amount * commissionPercent / 100;
        if (buyer.referredBy() == null || commission <= 0 || referrer == null || referrer.closed()) {
            return Uni.createFrom().voidItem();
        }
        // the referrer reads this entry in its own ledger: its key and reason name neither the buyer nor the purchase
        return accountService.credit(conn, LedgerEntry.grant(buyer.referredBy(), commission,
                IdempotencyKeys.referralCommission(buyer.tenantId(), purchaseKey), REFERRAL_COMMISSION)).replaceWithVoid();
    }

    /**
     * A purchase reversed at the payment provider (a charge-back): the buyer's purchased credits are taken back, as much
     * of them as is still available (credits spent cannot be: balances never go below zero), in one ADJUST
     * {@code chargeback:<key>} (0 when nothing is left), and those reserved by its open holds as these are released
     * (owed: {@code accounts.chargeback_owed}, paid by SettlementService); the referrer's commission on it is taken back the same way
     * ({@code commission-reversal:<digest>}), in the same transaction, both accounts locked in tenant order. Once per
     * purchase (a repeat answers 200 with the first entry); 404 for a key the tenant bought nothing under. Booked on a closed
     * account too: until 2026-12-07 it was 409 account-closed, and the referrer kept the commission of a purchase reversed
     * after its buyer was erased.
     */
    public Uni<Booked> chargeBack(String tenantId, String clientKey, String reason) {
        String purchaseKey = IdempotencyKeys.purchase(requireKey(clientKey));
        String key = IdempotencyKeys.chargeBack(clientKey);
        return once(tenantId, key, null, true, conn -> ledger.findByKey(conn, tenantId, purchaseKey).flatMap(found -> {
            StoredEntry purchase = found.filter(e -> e.kind() == LedgerKind.PURCHASE).orElseThrow(() -> BillingProblems.notFound(
                    "tenant " + tenantId + " bought nothing under idempotencyKey " + clientKey));
            return accounts.find(conn, tenantId)
                    .flatMap(buyer -> accounts.lockInOrder(conn, buyer.map(CreditService::withReferrer).orElse(List.of(tenantId))))
                    .flatMap(locked -> {
                        Account buyer = locked.get(tenantId);
                        long taken = Math.min(purchase.amount(), buyer.available());
                        long owed = purchase.amount() - taken;
                        String why = (reason == null ? "charge-back" : reason) + ": " + taken + " of the " + purchase.amount()
                                + " credits bought taken back" + (owed > 0 ? ", " + owed + " more owed, taken as its jobs placed "
                                + "until now give credits back (released holds, refunds)" : "");
                        return takeBack(conn, buyer, taken, owed, key, why)
                                .flatMap(v -> buyer.referredBy() == null ? Uni.createFrom().voidItem()
                                        : reverseCommission(conn, locked.get(buyer.referredBy()), tenantId, purchaseKey));
                    });
        }));
    }

    /** The commission earned on the purchase (under its key of any era), taken back as far as the referrer has it available. */
    private Uni<Void> reverseCommission(SqlConnection conn, Account referrer, String buyerTenantId, String purchaseKey) {
        List<String> keys = new ArrayList<>();
        keys.add(IdempotencyKeys.referralCommission(buyerTenantId, purchaseKey));
        keys.addAll(IdempotencyKeys.legacyReferralCommissions(buyerTenantId, purchaseKey));
        return Multi.createFrom().iterable(keys)
                .onItem().transformToUniAndConcatenate(k -> ledger.findByKey(conn, referrer.tenantId(), k))
                .filter(Optional::isPresent).map(Optional::get)
                .filter(e -> e.kind() == LedgerKind.GRANT)
                .collect().first()
                .flatMap(commission -> commission == null ? Uni.createFrom().voidItem()
                        : takeBackCommission(conn, referrer, commission));
    }

    private Uni<Void> takeBackCommission(SqlConnection conn, Account referrer, StoredEntry commission) {
        long taken = Math.min(commission.amount(), referrer.available());
        return takeBack(conn, referrer, taken, commission.amount() - taken,
                IdempotencyKeys.commissionReversal(commission.idempotencyKey()),
                "referral commission taken back: the purchase it was earned on was reversed");
    }

    /**
     * A negative ADJUST of an account this transaction has locked, at most what it has available, with its LOW_BALANCE;
     * {@code owed} more are taken out of what is given back of the jobs placed until now: the release of their holds
     * (SettlementService), the refund of their charges ({@link #refund}, SettlementService#giveBackCanceled).
     */
    private Uni<Void> takeBack(SqlConnection conn, Account account, long credits, long owed, String key, String reason) {
        return accounts.applyGuarded(conn, account.tenantId(), -credits, 0).flatMap(updated -> {
            Account after = updated.orElseThrow(() -> BillingProblems.conflict("the charge-back would take available below zero"));
            return accountService.book(conn, LedgerEntry.adjust(account.tenantId(), -credits, key, reason))
                    .flatMap(v -> owed > 0 ? accounts.owe(conn, account.tenantId(), owed) : Uni.createFrom().voidItem())
                    .flatMap(v -> outbox.insertAll(conn,
                    lowBalance.after(account.tenantId(), key, account.available(), after.available()).stream().toList()));
        });
    }

    /**
     * Runs the booking unless the tenant booked the key before (keys are each tenant's own: another tenant's use of it
     * is no repeat), then answers with the entry of that key when it moved the
     * {@code amount} asked (null: any), else 409: another amount under a used key is another request, not a repeat.
     */
    private Uni<Booked> once(String tenantId, String key, Long amount, java.util.function.Function<SqlConnection, Uni<Void>> booking) {
        return once(tenantId, key, amount, false, booking);
    }

    /**
     * {@code evenClosed}: a charge-back is booked on a closed account too (a payment reversed after its tenant was erased:
     * nothing new for the tenant, and the commission its purchase earned the referrer is taken back).
     */
    private Uni<Booked> once(String tenantId, String key, Long amount, boolean evenClosed,
                             java.util.function.Function<SqlConnection, Uni<Void>> booking) {
        Ids.require("tenantId", tenantId);
        return tx.inTransaction(conn -> ledger.findByKey(conn, tenantId, key).flatMap(existing -> {
            if (existing.isPresent()) {
                return Uni.createFrom().item(new Booked(sameRequest(existing.get(), amount), false));
            }
            return accounts.find(conn, tenantId).flatMap(account -> {
                if (account.isEmpty()) {
                    throw BillingProblems.notFound("no account for tenant " + tenantId);
                }
                if (account.get().closed() && !evenClosed) {
                    throw BillingProblems.accountClosed(tenantId, account.get().closedAt());
                }
                return booking.apply(conn).flatMap(v -> ledger.findByKey(conn, tenantId, key)).map(e -> new Booked(e.orElseThrow(), true));
            });
        }));
    }

    private static StoredEntry sameRequest(StoredEntry existing, Long amount) {
        if (amount != null && existing.amount() != amount) {
            throw BillingProblems.conflict("idempotency key " + existing.idempotencyKey() + " booked " + existing.amount()
                    + " credits, not " + amount + ": a repeat sends the same amount, another booking a new key");
        }
        return existing;
    }

    private static String requireKey(String clientKey) {
        if (clientKey == null || clientKey.isBlank() || clientKey.length() > 200) {
            throw BillingProblems.invalidField("idempotencyKey", "idempotencyKey must be 1 to 200 characters");
        }
        return clientKey;
    }
}
