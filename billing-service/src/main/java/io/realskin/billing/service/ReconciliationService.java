package io.realskin.billing.service;

import io.realskin.billing.repository.LedgerRepository;
import io.realskin.billing.repository.LedgerRepository.AccountSums;
import io.realskin.billing.repository.Transactions;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Checks every balance against its ledger sums and open holds, in one consistent snapshot. */
@ApplicationScoped
public class ReconciliationService {
    private final LedgerRepository ledger;
    private final Transactions tx;

    public ReconciliationService(LedgerRepository ledger, Transactions tx) {
        this.ledger = ledger;
        this.tx = tx;
    }

    /** {@code drift}: the sum of every balance's distance from its ledger sums and open holds, plus orphan entries. */
    public record Report(long accounts, long ledgerEntries, long totalAvailable, long totalHeld, long drift,
                         long entriesWithoutAccount, List<AccountSums> mismatches) {
    }

    /** {@code tenantId} null: every account. */
    public Uni<Report> reconcile(String tenantId) {
        // repeatable read: the sums and the balances come from the same snapshot even while holds are being placed
        return tx.inTransaction(conn -> conn.query("set transaction isolation level repeatable read").execute()
                .flatMap(v -> ledger.totals(conn, tenantId))
                .flatMap(totals -> ledger.mismatches(conn, tenantId).map(mismatches -> new Report(totals[0], totals[1], totals[2],
                        totals[3], mismatches.stream().mapToLong(AccountSums::drift).sum() + totals[4], totals[4], mismatches))));
    }
}
