package io.realskin.billing.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.realskin.billing.domain.Account;
import io.realskin.billing.domain.Catalog;
import io.realskin.billing.domain.Hold;
import io.realskin.billing.domain.HoldStatus;
import io.realskin.billing.domain.LedgerEntry;
import io.realskin.billing.domain.Settlement;
import io.realskin.billing.domain.Settlement.Outcome;
import io.realskin.billing.repository.AccountRepository;
import io.realskin.billing.repository.AccountRepository.BalanceDelta;
import io.realskin.billing.repository.HoldRepository;
import io.realskin.billing.repository.LedgerRepository;
import io.realskin.billing.repository.OutboxRepository;
import io.realskin.contracts.ContractViolation;
import io.realskin.support.outbox.OutboxRecord;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jboss.logging.Logger;

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
    private final OutboxRepository outbox;
    private final Counter captures;
    private final Counter releases;
    private final Counter creditsCaptured;
    private final Counter lateCaptured;
    private static final Logger LOG = Logger.getLogger(SettlementService.class);

    public SettlementService(AccountRepository accounts, HoldRepository holds, LedgerRepository ledger, OutboxRepository outbox,
                             MeterRegistry registry) {
        this.accounts = accounts;
        this.holds = holds;
        this.ledger = ledger;
        this.outbox = outbox;
        this.captures = registry.counter("billing.holds.captured");
        this.releases = registry.counter("billing.holds.released");
        this.creditsCaptured = Counter.builder("billing.credits.captured").description("credits debited for completed jobs")
                .register(registry);
        this.lateCaptured = Counter.builder("billing.holds.captured.late")
                .description("holds captured by a COMPLETED that came after they expired").register(registry);
    }

    /**
     * Settles the holds still HELD among these jobs (the first settlement of a job wins), and captures what it can of a
     * COMPLETED job whose hold expired before it completed ({@link #lateCaptures}); returns how many holds it settled.
     */
    public Uni<Integer> settle(SqlConnection conn, List<Settlement> settlements, Catalog catalog) {
        Map<String, Settlement> byJob = new LinkedHashMap<>();
        settlements.forEach(s -> byJob.putIfAbsent(s.jobId(), s));
        if (byJob.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return holds.unsettledFor(conn, byJob.keySet()).flatMap(found -> {
            List<HoldRepository.Change> changes = new ArrayList<>();
            List<Hold> expired = new ArrayList<>();
            Map<String, Long> capturedByJob = new LinkedHashMap<>();
            for (Hold hold : found) {
                Settlement s = byJob.get(hold.jobId());
                if (!s.fits(hold)) {
                    return Uni.createFrom().failure(new ContractViolation("a job event of tenant " + s.event().tenantId()
                            + " names job " + hold.jobId() + ", whose hold is another tenant's"));
                }
                if (hold.status() == HoldStatus.HELD) {
                    changes.add(new HoldRepository.Change(hold.jobId(), s.outcome().status(), captureAmount(hold, s, catalog)));
                    capturedByJob.put(hold.jobId(), changes.get(changes.size() - 1).captured());
                } else if (s.outcome() == Outcome.CAPTURE) { // EXPIRED, and the job completed after all
                    expired.add(hold);
                    capturedByJob.put(hold.jobId(), captureAmount(hold, s, catalog));
                }
            }
            if (changes.isEmpty() && expired.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            // the status guard of this update is what makes a second settlement of a job a no-op
            Uni<List<Hold>> settled = changes.isEmpty() ? Uni.createFrom().item(List.of()) : holds.settle(conn, changes);
            return settled.flatMap(held -> book(conn, held, expired, byJob, capturedByJob));
        });
    }

    private Uni<Integer> book(SqlConnection conn, List<Hold> settled, List<Hold> expired, Map<String, Settlement> byJob,
                              Map<String, Long> capturedByJob) {
        if (settled.isEmpty() && expired.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        List<LedgerEntry> entries = new ArrayList<>();
        Map<String, long[]> deltas = new LinkedHashMap<>();
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
            long[] d = deltas.computeIfAbsent(hold.tenantId(), t -> new long[2]);
            d[0] += released;
            d[1] -= hold.amount();
        }
        TreeSet<String> tenants = new TreeSet<>(deltas.keySet());
        expired.forEach(h -> tenants.add(h.tenantId()));
        // The accounts are locked last, in tenant order: concurrent settlements (consumers of other partitions, the
        // expiry job) then overlap for everything above and queue only for these few rows until commit.
        return ledger.appendAll(conn, entries)
                .flatMap(v -> accounts.lockInOrder(conn, tenants))
                .flatMap(locked -> lateCaptures(conn, expired, locked, deltas, capturedByJob).flatMap(late -> {
                    List<Hold> all = new ArrayList<>(settled);
                    all.addAll(late);
                    return accounts.applyAll(conn, balanceDeltas(deltas, grantUsed(all, byJob, capturedByJob, locked)))
                            .flatMap(available -> outbox.insertAll(conn, events(all, byJob, capturedByJob, available)))
                            .map(v -> {
                                all.forEach(h -> (byJob.get(h.jobId()).outcome() == Outcome.CAPTURE ? captures : releases).increment());
                                all.forEach(h -> creditsCaptured.increment(capturedByJob.get(h.jobId())));
                                late.forEach(h -> lateCaptured.increment());
                                return all.size();
                            });
                }));
    }

    /**
     * A job that completed after its hold expired did its work: expiry gave the hold's credits back to {@code available},
     * so its cost is taken from there, under the account's lock, as far as {@code available} goes (never below zero; the
     * rest is logged unpaid). Until 2026-12-06 such a COMPLETED found no HELD hold and the job was not charged. The
     * hold becomes CAPTURED (the guard on EXPIRED makes a second COMPLETED a no-op); {@code capturedByJob} and
     * {@code deltas} are updated with what was taken.
     */
    private Uni<List<Hold>> lateCaptures(SqlConnection conn, List<Hold> expired, Map<String, Account> locked, Map<String, long[]> deltas,
                                         Map<String, Long> capturedByJob) {
        if (expired.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        Map<String, Long> spendable = new HashMap<>();
        List<HoldRepository.Change> changes = new ArrayList<>();
        for (Hold hold : expired) {
            long left = spendable.computeIfAbsent(hold.tenantId(), t -> locked.get(t).available()
                    + (deltas.containsKey(t) ? deltas.get(t)[0] : 0));
            long cost = capturedByJob.get(hold.jobId());
            long taken = Math.min(cost, left);
            spendable.put(hold.tenantId(), left - taken);
            capturedByJob.put(hold.jobId(), taken);
            changes.add(new HoldRepository.Change(hold.jobId(), HoldStatus.CAPTURED, taken));
            if (taken < cost) {
                LOG.warnf("job %s completed after its hold expired: %d of its %d credits unpaid (the tenant has no more)",
                        hold.jobId(), cost - taken, cost);
            }
        }
        return holds.captureExpired(conn, changes).flatMap(captured -> {
            List<LedgerEntry> entries = new ArrayList<>();
            for (Hold hold : captured) {
                long taken = capturedByJob.get(hold.jobId());
                entries.add(LedgerEntry.lateCapture(hold.tenantId(), hold.jobId(), taken,
                        "completed after its hold expired: captured " + taken + " from available"));
                deltas.computeIfAbsent(hold.tenantId(), t -> new long[2])[0] -= taken;
            }
            return ledger.appendAll(conn, entries).replaceWith(captured);
        });
    }

    private static List<BalanceDelta> balanceDeltas(Map<String, long[]> deltas, Map<String, Long> grantUsed) {
        List<BalanceDelta> balanceDeltas = new ArrayList<>();
        deltas.forEach((tenant, d) -> balanceDeltas.add(new BalanceDelta(tenant, d[0], d[1], grantUsed.getOrDefault(tenant, 0L))));
        return balanceDeltas;
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

    private static List<OutboxRecord> events(List<Hold> settled, Map<String, Settlement> byJob, Map<String, Long> capturedByJob,
                                             Map<String, Long> availableAfter) {
        List<OutboxRecord> events = new ArrayList<>();
        for (Hold hold : settled) {
            Settlement s = byJob.get(hold.jobId());
            long captured = capturedByJob.get(hold.jobId());
            long released = hold.amount() - captured;
            long available = availableAfter.getOrDefault(hold.tenantId(), 0L);
            // a capture announces the final cost only; the unused part of its hold is in the ledger, not on the topic
            events.add(s.outcome() == Outcome.CAPTURE
                    ? BillingEvents.debited(hold.tenantId(), hold.jobId(), captured, available, hold.amount())
                    : BillingEvents.released(hold.tenantId(), hold.jobId(), released, available, s.reason()));
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
