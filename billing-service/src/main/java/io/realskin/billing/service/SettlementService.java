package io.realskin.billing.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.realskin.billing.domain.Account;
import io.realskin.billing.domain.Catalog;
import io.realskin.billing.domain.Hold;
import io.realskin.billing.domain.IdempotencyKeys;
import io.realskin.billing.domain.LedgerEntry;
import io.realskin.billing.domain.Settlement;
import io.realskin.billing.domain.Settlement.Outcome;
import io.realskin.billing.repository.AccountRepository;
import io.realskin.billing.repository.AccountRepository.BalanceDelta;
import io.realskin.billing.repository.HoldRepository;
import io.realskin.billing.repository.LedgerRepository;
import io.realskin.billing.repository.LedgerRepository.StoredEntry;
import io.realskin.billing.repository.LedgerSumsRepository;
import io.realskin.billing.repository.OutboxRepository;
import io.realskin.contracts.ContractViolation;
import io.realskin.support.outbox.OutboxRecord;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Ends holds in bulk: capture (actual cost, at most the hold, the rest released), release or expiry. Set-based SQL,
 * a handful of statements whatever the number of jobs, inside the caller's transaction. A job event naming another
 * tenant than its hold's ({@link Settlement#fits}) fails the whole call with a {@link ContractViolation}.
 */
@ApplicationScoped
public class SettlementService {
    private final AccountRepository accounts;
    private final HoldRepository holds;
    private final LedgerRepository ledger;
    private final LedgerSumsRepository ledgerSums;
    private final OutboxRepository outbox;
    private final Counter captures;
    private final Counter releases;
    private final Counter expired;
    private final Counter creditsCaptured;
    private final Counter refundedOnCancel;

    public SettlementService(AccountRepository accounts, HoldRepository holds, LedgerRepository ledger, LedgerSumsRepository ledgerSums,
                             OutboxRepository outbox, MeterRegistry registry) {
        this.accounts = accounts;
        this.holds = holds;
        this.ledger = ledger;
        this.ledgerSums = ledgerSums;
        this.outbox = outbox;
        this.captures = registry.counter("billing.holds.captured");
        this.releases = registry.counter("billing.holds.released");
        this.expired = Counter.builder("billing.holds.expired").description("holds released because their job did not end within "
                + "their TTL (a job lost or stuck, or one that completed too late to be charged); counted among the released too")
                .register(registry);
        this.creditsCaptured = Counter.builder("billing.credits.captured").description("credits debited for completed jobs")
                .register(registry);
        this.refundedOnCancel = Counter.builder("billing.credits.refunded.canceled")
                .description("credits captured for jobs canceled after they completed, given back by their CANCELED").register(registry);
    }

    /** Settles the holds still HELD among these jobs (the first settlement of a job wins); returns how many. */
    public Uni<Integer> settle(SqlConnection conn, List<Settlement> settlements, Catalog catalog) {
        return settle(conn, settlements, catalog, new HashMap<>());
    }

    /** As {@link #settle(SqlConnection, List, Catalog)}; {@code effects} gets what each settlement that settled a hold booked. */
    public Uni<Integer> settle(SqlConnection conn, List<Settlement> settlements, Catalog catalog, Map<Settlement, String> effects) {
        Map<String, Settlement> byJob = new LinkedHashMap<>();
        settlements.forEach(s -> byJob.putIfAbsent(s.jobId(), s));
        if (byJob.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return holds.openFor(conn, byJob.keySet()).flatMap(open -> {
            if (open.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            List<HoldRepository.Change> changes = new ArrayList<>();
            for (Hold hold : open) {
                Settlement s = byJob.get(hold.jobId());
                if (!s.fits(hold)) {
                    return Uni.createFrom().failure(otherTenants(s, hold));
                }
                changes.add(new HoldRepository.Change(hold.jobId(), s.outcome().status(), captureAmount(hold, s, catalog)));
            }
            Map<String, Long> capturedByJob = new LinkedHashMap<>();
            changes.forEach(c -> capturedByJob.put(c.jobId(), c.captured()));
            // the status guard of this update is what makes a second settlement of a job a no-op
            return holds.settle(conn, changes).flatMap(settled -> book(conn, settled, byJob, capturedByJob, effects));
        });
    }

    private Uni<Integer> book(SqlConnection conn, List<Hold> settled, Map<String, Settlement> byJob, Map<String, Long> capturedByJob,
                              Map<Settlement, String> effects) {
        if (settled.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        List<LedgerEntry> entries = new ArrayList<>();
        Map<String, long[]> deltas = new LinkedHashMap<>();
        Map<String, Long> recoveredByJob = new HashMap<>();
        for (Hold hold : settled) {
            Settlement s = byJob.get(hold.jobId());
            long captured = capturedByJob.get(hold.jobId());
            long released = hold.amount() - captured;
            if (s.outcome() == Outcome.CAPTURE) {
                entries.add(LedgerEntry.capture(hold.tenantId(), hold.jobId(), captured, s.reason()));
            }
            if (released > 0 || s.outcome() != Outcome.CAPTURE) {
                entries.add(LedgerEntry.release(hold.tenantId(), hold.jobId(), released,
                        s.outcome() == Outcome.CAPTURE ? "unused part of the hold" : s.reason()));
            }
            effects.put(s, s.outcome() == Outcome.CAPTURE
                    ? "CAPTURE " + captured + (released > 0 ? ", RELEASE " + released + " unused" : "")
                    : "RELEASE " + released + " (hold " + s.outcome().status().name() + ")");
            long[] d = deltas.computeIfAbsent(hold.tenantId(), t -> new long[2]);
            d[0] += released;
            d[1] -= hold.amount();
        }
        // The accounts are locked last, in tenant order: concurrent settlements (consumers of other partitions, the
        // expiry job) then overlap for everything above and queue only for these few rows until commit. The entries'
        // ledger sums go with the balances, after the accounts' locks, as everywhere. An account a charge-back is owed
        // credits of (reserved or spent by its jobs then) pays them from what its holds placed before it release, read
        // under its lock.
        return ledger.appendAll(conn, entries)
                .flatMap(v -> accounts.lockInOrder(conn, new TreeSet<>(deltas.keySet())))
                .flatMap(locked -> {
                    List<LedgerEntry> recoveries = chargeBackRecoveries(settled, capturedByJob, locked);
                    recoveries.forEach(e -> {
                        recoveredByJob.put(e.jobId(), -e.amount());
                        effects.computeIfPresent(byJob.get(e.jobId()), (s, booked) -> withRecovery(booked, e));
                    });
                    return applyWithRecoveries(conn, entries, recoveries, deltas, grantUsed(settled, byJob, capturedByJob, locked));
                })
                .flatMap(available -> outbox.insertAll(conn, events(settled, byJob, capturedByJob, available, recoveredByJob)))
                .map(v -> {
                    settled.forEach(h -> {
                        Outcome outcome = byJob.get(h.jobId()).outcome();
                        (outcome == Outcome.CAPTURE ? captures : releases).increment();
                        if (outcome == Outcome.EXPIRE) {
                            expired.increment();
                        }
                    });
                    settled.forEach(h -> creditsCaptured.increment(capturedByJob.get(h.jobId())));
                    return settled.size();
                });
    }

    /**
     * The CANCELED among these job events whose hold was captured already give its charge back. The cancel decides the
     * charge: the gateway answered the cancel with a canceled job, and a COMPLETED it applies after its own cancel is
     * dropped with its result (docs/api.md), so when the worker's COMPLETED came first on the job's partition (the cancel
     * landed after the worker finished, before the gateway applied that COMPLETED) its capture is undone here: a REFUND
     * of what was captured less what an admin refunded of it already, and the hold becomes RELEASED. Its status guard
     * makes a repeated cancel a no-op; an admin refund locks the hold row first ({@code CreditService#refund}), so the
     * two never give the same credits back twice. Runs after {@link #settle} in the same transaction, so a batch holding
     * both the COMPLETED and the CANCELED of a job captures, then gives back. {@code effects} gets what each booked.
     */
    public Uni<Void> giveBackCanceled(SqlConnection conn, List<Settlement> settlements, Map<Settlement, String> effects) {
        Map<String, Settlement> cancels = new LinkedHashMap<>();
        settlements.stream().filter(Settlement::canceled).forEach(s -> cancels.putIfAbsent(s.jobId(), s));
        if (cancels.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return holds.capturedFor(conn, cancels.keySet()).flatMap(captured -> {
            for (Hold hold : captured) {
                Settlement s = cancels.get(hold.jobId());
                if (!s.fits(hold)) {
                    return Uni.createFrom().failure(otherTenants(s, hold));
                }
            }
            if (captured.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            return holds.releaseCaptured(conn, captured.stream().map(Hold::jobId).toList())
                    .flatMap(released -> Multi.createFrom().iterable(released)
                            .onItem().transformToUniAndConcatenate(hold -> ledger.findByKey(conn, hold.tenantId(), IdempotencyKeys.refund(hold.jobId()))
                                    .map(adminRefund -> new GivenBack(hold, Math.max(0, charged(hold) - adminRefund.map(StoredEntry::amount).orElse(0L)),
                                            adminRefund.map(StoredEntry::amount).orElse(0L))))
                            .collect().asList())
                    .flatMap(givenBack -> bookGivenBack(conn, givenBack, cancels, effects));
        });
    }

    private static ContractViolation otherTenants(Settlement s, Hold hold) {
        return new ContractViolation("a job event of tenant " + s.event().tenantId() + " names job " + hold.jobId()
                + ", whose hold is another tenant's");
    }

    private record GivenBack(Hold hold, long amount, long refundedBefore) {
    }

    private static long charged(Hold hold) {
        return hold.captured() == null ? 0 : hold.captured();
    }

    private Uni<Void> bookGivenBack(SqlConnection conn, List<GivenBack> givenBack, Map<String, Settlement> cancels,
                                    Map<Settlement, String> effects) {
        List<LedgerEntry> entries = new ArrayList<>();
        Map<String, long[]> deltas = new LinkedHashMap<>();
        for (GivenBack g : givenBack) {
            Settlement s = cancels.get(g.hold().jobId());
            effects.put(s, g.amount() > 0
                    ? "REFUND " + g.amount() + " of its CAPTURE " + charged(g.hold()) + " (canceled after it completed)"
                    + (g.refundedBefore() > 0 ? "; " + g.refundedBefore() + " refunded by an admin before" : "")
                    : "nothing to give back of its CAPTURE " + charged(g.hold()) + (g.refundedBefore() > 0
                            ? " (an admin refunded " + g.refundedBefore() + ")" : "") + "; hold RELEASED");
            if (g.amount() > 0) {
                entries.add(LedgerEntry.canceledRefund(g.hold().tenantId(), g.hold().jobId(), g.amount(),
                        "canceled after it completed: its charge given back"));
                deltas.computeIfAbsent(g.hold().tenantId(), t -> new long[2])[0] += g.amount();
            }
        }
        if (entries.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Map<String, Long> recoveredByJob = new HashMap<>();
        return ledger.appendAll(conn, entries)
                .flatMap(v -> accounts.lockInOrder(conn, new TreeSet<>(deltas.keySet())))
                .flatMap(locked -> {
                    List<LedgerEntry> recoveries = chargeBackRecoveriesOf(givenBack, entries, locked);
                    recoveries.forEach(e -> {
                        recoveredByJob.put(e.jobId(), -e.amount());
                        effects.computeIfPresent(cancels.get(e.jobId()), (s, booked) -> withRecovery(booked, e));
                    });
                    return applyWithRecoveries(conn, entries, recoveries, deltas, grantGivenBack(givenBack, locked));
                })
                .flatMap(available -> outbox.insertAll(conn, givenBack.stream().filter(g -> g.amount() > 0)
                        .map(g -> {
                            long recovered = recoveredByJob.getOrDefault(g.hold().jobId(), 0L);
                            return BillingEvents.released(g.hold().tenantId(), g.hold().jobId(), g.amount() - recovered,
                                    available.getOrDefault(g.hold().tenantId(), 0L), "canceled after it completed: its charge given back",
                                    recovered);
                        })
                        .toList()))
                .invoke(() -> givenBack.forEach(g -> refundedOnCancel.increment(g.amount())));
    }

    /**
     * Under the accounts' locks: the charge-back recoveries' ledger entries, the balances (what the recoveries take does
     * not reach {@code available}) and the ledger sums of every entry, recoveries included. Answers available per tenant.
     */
    private Uni<Map<String, Long>> applyWithRecoveries(SqlConnection conn, List<LedgerEntry> entries, List<LedgerEntry> recoveries,
                                                      Map<String, long[]> deltas, Map<String, Long> grantUsed) {
        List<LedgerEntry> all = new ArrayList<>(entries);
        all.addAll(recoveries);
        return (recoveries.isEmpty() ? Uni.createFrom().voidItem() : ledger.appendAll(conn, recoveries))
                .flatMap(v -> Uni.combine().all().unis(
                        accounts.applyAll(conn, balanceDeltas(deltas, grantUsed, recovered(recoveries))),
                        ledgerSums.add(conn, all)).with((available, summed) -> available));
    }

    /** The effect a settlement logs, with what of it paid a charge-back. */
    private static String withRecovery(String booked, LedgerEntry recovery) {
        return booked + ", ADJUST " + recovery.amount() + " (owed to a charge-back)";
    }

    private static List<BalanceDelta> balanceDeltas(Map<String, long[]> deltas, Map<String, Long> grantUsed, Map<String, Long> recovered) {
        List<BalanceDelta> balanceDeltas = new ArrayList<>();
        deltas.forEach((tenant, d) -> {
            long taken = recovered.getOrDefault(tenant, 0L);
            balanceDeltas.add(new BalanceDelta(tenant, d[0] - taken, d[1], grantUsed.getOrDefault(tenant, 0L), taken));
        });
        return balanceDeltas;
    }

    /**
     * What the released holds pay of a charge-back's debt, per job, read under the accounts' locks: a purchase reversed
     * while its credits were reserved by the buyer's running jobs took back only what was available (docs/billing.md,
     * "Referrals"), and is owed the rest of them; each hold placed before it and released since gives back what it does
     * not capture to the charge-back first (until 2026-12-07 it all came back to the buyer, who kept the credits of a
     * reversed purchase). A hold placed after it reserves credits the charge-back never counted: it pays nothing.
     */
    private static List<LedgerEntry> chargeBackRecoveries(List<Hold> settled, Map<String, Long> capturedByJob, Map<String, Account> locked) {
        DebtPayments debts = new DebtPayments(locked);
        List<LedgerEntry> recoveries = new ArrayList<>();
        for (Hold hold : settled) {
            long taken = debts.take(hold, hold.amount() - capturedByJob.get(hold.jobId()));
            if (taken > 0) {
                recoveries.add(LedgerEntry.chargeBackRecovery(hold.tenantId(), hold.jobId(), taken));
            }
        }
        return recoveries;
    }

    /**
     * What the charges given back (jobs canceled after they completed) pay of a charge-back's debt, per job, read under
     * the accounts' locks: a job placed before the charge-back spent or reserved credits it could not take back, and
     * giving them back pays it first, as a release does (until 2026-12-07 they all went back to the account).
     */
    private static List<LedgerEntry> chargeBackRecoveriesOf(List<GivenBack> givenBack, List<LedgerEntry> refunds, Map<String, Account> locked) {
        DebtPayments debts = new DebtPayments(locked);
        Map<String, LedgerEntry> refundOf = new HashMap<>();
        refunds.forEach(e -> refundOf.put(e.jobId(), e));
        List<LedgerEntry> recoveries = new ArrayList<>();
        for (GivenBack g : givenBack) {
            LedgerEntry refund = refundOf.get(g.hold().jobId());
            long taken = refund == null ? 0 : debts.take(g.hold(), g.amount());
            if (taken > 0) {
                recoveries.add(LedgerEntry.chargeBackRecoveryOf(refund, taken));
            }
        }
        return recoveries;
    }

    /**
     * What the give-backs of one booking pay of their accounts' charge-back debts, in order: each takes what its
     * account's debt, read under the account's lock, has left after the ones before it ({@link Account#owedOutOf}).
     */
    private static final class DebtPayments {
        private final Map<String, Account> locked;
        private final Map<String, Long> paid = new HashMap<>();

        DebtPayments(Map<String, Account> locked) {
            this.locked = locked;
        }

        /** What of {@code credits} given back of {@code hold}'s job pays its account's debt; counted as paid. */
        long take(Hold hold, long credits) {
            Account account = locked.get(hold.tenantId());
            long taken = account == null ? 0 : account.owedOutOf(credits, hold.placedAt(), paid.getOrDefault(hold.tenantId(), 0L));
            if (taken > 0) {
                paid.merge(hold.tenantId(), taken, Long::sum);
            }
            return taken;
        }
    }

    private static Map<String, Long> recovered(List<LedgerEntry> recoveries) {
        Map<String, Long> recovered = new HashMap<>();
        recoveries.forEach(e -> recovered.merge(e.tenantId(), -e.availableDelta(), Long::sum));
        return recovered;
    }

    /**
     * Per tenant, the credits captured by holds placed in the account's current grant period, read under its lock: they
     * use that period's grant. A hold placed before the latest renewal was counted by that renewal already.
     */
    private static Map<String, Long> grantUsed(List<Hold> settled, Map<String, Settlement> byJob, Map<String, Long> capturedByJob,
                                               Map<String, Account> locked) {
        Map<String, Long> used = new HashMap<>();
        for (Hold hold : settled) {
            Account account = locked.get(hold.tenantId());
            if (byJob.get(hold.jobId()).outcome() == Outcome.CAPTURE && account != null
                    && account.grantPeriod().equals(hold.grantPeriod())) {
                used.merge(hold.tenantId(), capturedByJob.get(hold.jobId()), Long::sum);
            }
        }
        return used;
    }

    /**
     * Per tenant, what the give-backs of holds placed in the account's current period take off {@code period_used} (as
     * negative use), read under its lock: their captures counted in it. One of a hold placed before the latest renewal
     * takes nothing off: that renewal counted the capture already.
     */
    private static Map<String, Long> grantGivenBack(List<GivenBack> givenBack, Map<String, Account> locked) {
        Map<String, Long> used = new HashMap<>();
        for (GivenBack g : givenBack) {
            Account account = locked.get(g.hold().tenantId());
            if (g.amount() > 0 && account != null && account.grantPeriod().equals(g.hold().grantPeriod())) {
                used.merge(g.hold().tenantId(), -g.amount(), Long::sum);
            }
        }
        return used;
    }

    /** {@code recoveredByJob}: what of each job's release paid a charge-back's debt (its RELEASED says what went back). */
    private static List<OutboxRecord> events(List<Hold> settled, Map<String, Settlement> byJob, Map<String, Long> capturedByJob,
                                             Map<String, Long> availableAfter, Map<String, Long> recoveredByJob) {
        List<OutboxRecord> events = new ArrayList<>();
        for (Hold hold : settled) {
            Settlement s = byJob.get(hold.jobId());
            long captured = capturedByJob.get(hold.jobId());
            long released = hold.amount() - captured;
            long recovered = recoveredByJob.getOrDefault(hold.jobId(), 0L);
            long available = availableAfter.getOrDefault(hold.tenantId(), 0L);
            // a capture announces the final cost only; the unused part of its hold is in the ledger, not on the topic
            events.add(s.outcome() == Outcome.CAPTURE
                    ? BillingEvents.debited(hold.tenantId(), hold.jobId(), captured, available, hold.amount())
                    : BillingEvents.released(hold.tenantId(), hold.jobId(), released - recovered, available, s.reason(), recovered));
        }
        return events;
    }

    /** The actual cost at the hold's price list version, at most the hold; the quote stands when usage is missing or odd. */
    static long captureAmount(Hold hold, Settlement settlement, Catalog catalog) {
        if (settlement.outcome() != Outcome.CAPTURE) {
            return 0;
        }
        if (settlement.actual() == null) {
            return hold.amount();
        }
        try {
            return Math.min(hold.amount(), catalog.prices(hold.priceVersion()).cost(settlement.actual()));
        } catch (RuntimeException e) {
            return hold.amount();
        }
    }
}
