package io.realskin.billing.service;

import io.realskin.billing.config.BillingConfig;
import io.realskin.billing.repository.LedgerRepository.AccountSums;
import io.realskin.billing.repository.LedgerSumsRepository;
import io.realskin.billing.repository.LedgerSumsRepository.Correction;
import io.realskin.billing.repository.LedgerSumsRepository.TenantBooks;
import io.realskin.billing.repository.Transactions;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The periodic drift measurement of the gauge (docs/billing.md "Reconciliation drift"), without summing the ledger:
 * balances against the sums kept beside them ({@code ledger_sums}) and against the open holds, every account each
 * check; the ledger itself only for the tenants that differ (to confirm) and for one slice of the tenants, so that every
 * tenant's ledger is summed once per {@code checks-per-full-pass} checks. Kept sums found short of their ledger (entries
 * booked before V10, or not through billing) are corrected, so what such entries do to a balance is found within one
 * full pass and then at every check. The drift is the one of {@link ReconciliationService} over the tenants examined;
 * every other tenant's balances equal its kept sums.
 */
@ApplicationScoped
public class DriftCheck {
    private static final Logger LOG = Logger.getLogger(DriftCheck.class);

    private final LedgerSumsRepository sums;
    private final Transactions tx;
    private final int checksPerFullPass;
    private volatile Slice next = new Slice(null);

    /** {@code drift} as {@link ReconciliationService.Report#drift()}, over the tenants this check examined. */
    public record Measurement(long drift, List<AccountSums> mismatches, List<String> tenantsWithoutAccount, long entriesWithoutAccount,
                              int examined, List<Correction> corrections, Slice sliceAfter) {
    }

    /** The rolling pass's next slice: the tenants after {@code after} (null: from the first). */
    public record Slice(String after) {
    }

    public DriftCheck(LedgerSumsRepository sums, Transactions tx, BillingConfig config) {
        this.sums = sums;
        this.tx = tx;
        this.checksPerFullPass = config.reconciliation().checksPerFullPass();
    }

    /** One check: examine, then correct the kept sums found short of their ledger. */
    public Uni<Measurement> measure() {
        return examine().call(this::correct);
    }

    /** Reads everything in one snapshot (repeatable read) and moves the rolling pass on by one slice. */
    public Uni<Measurement> examine() {
        Slice slice = next;
        return tx.inTransaction(conn -> conn.query("set transaction isolation level repeatable read").execute()
                        .flatMap(v -> sums.accountCount(conn))
                        .flatMap(accounts -> {
                            int perCheck = (int) Math.max(1, (accounts + checksPerFullPass - 1) / checksPerFullPass);
                            return sums.nthAccountAfter(conn, slice.after(), perCheck).flatMap(upTo -> sums.candidates(conn)
                                    .flatMap(candidates -> candidates.isEmpty() ? Uni.createFrom().item(List.<TenantBooks>of())
                                            : sums.books(conn, candidates))
                                    .flatMap(confirmed -> sums.books(conn, slice.after(), upTo)
                                            .map(sliced -> measurement(confirmed, sliced, new Slice(upTo)))));
                        }))
                .invoke(m -> next = m.sliceAfter());
    }

    /** Adds to the kept sums what {@code m} found missing, relative to the sums it read (not an assignment). */
    public Uni<Void> correct(Measurement m) {
        return sums.correct(tx.pool(), m.corrections()).invoke(applied -> {
            if (applied > 0) {
                LOG.infof("ledger sums of %d tenants corrected to their ledger (entries booked before V10 or not through billing): %s",
                        applied, m.corrections().stream().limit(20).map(Correction::tenantId).toList());
            }
        }).replaceWithVoid();
    }

    private static Measurement measurement(List<TenantBooks> confirmed, List<TenantBooks> sliced, Slice after) {
        Map<String, TenantBooks> examined = new LinkedHashMap<>();
        confirmed.forEach(b -> examined.put(b.tenantId(), b));
        sliced.forEach(b -> examined.putIfAbsent(b.tenantId(), b));
        List<AccountSums> mismatches = new ArrayList<>();
        List<String> withoutAccount = new ArrayList<>();
        List<Correction> corrections = new ArrayList<>();
        long orphans = 0;
        for (TenantBooks b : examined.values()) {
            if (b.hasAccount()) {
                AccountSums s = new AccountSums(b.tenantId(), b.available(), b.held(), b.ledgerAvailable(), b.ledgerHeld(), b.openHolds());
                if (s.drift() != 0) {
                    mismatches.add(s);
                }
            } else if (b.ledgerEntries() > 0) {
                withoutAccount.add(b.tenantId());
                orphans += b.ledgerEntries();
            }
            if (b.ledgerAvailable() != b.sumsAvailable() || b.ledgerHeld() != b.sumsHeld() || b.ledgerEntries() != b.sumsEntries()) {
                corrections.add(new Correction(b.tenantId(), b.ledgerAvailable() - b.sumsAvailable(), b.ledgerHeld() - b.sumsHeld(),
                        b.ledgerEntries() - b.sumsEntries(), b.sumsVersion()));
            }
        }
        long drift = mismatches.stream().mapToLong(AccountSums::drift).sum() + orphans;
        return new Measurement(drift, mismatches, withoutAccount, orphans, examined.size(), corrections, after);
    }
}
