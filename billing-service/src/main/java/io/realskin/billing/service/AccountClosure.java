package io.realskin.billing.service;

import io.realskin.billing.domain.BillingProblems;
import io.realskin.billing.domain.Settlement;
import io.realskin.billing.repository.AccountRepository;
import io.realskin.billing.repository.HoldRepository;
import io.realskin.billing.repository.Transactions;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Closes the account of an erased tenant (the gateway's {@code DELETE /v1/admin/tenants/{id}}, docs/billing.md, "Closed
 * accounts"): in one transaction under the account's row lock, {@code closed_at} is set (kept from a first close) and
 * every hold still HELD is released as a release by the gateway would be (a RELEASE entry each). From then on no hold,
 * grant, purchase, adjustment, refund or plan change is booked for it (409 account-closed). The row, its holds and its
 * ledger stay: accounting records, amounts and job ids, no pixels or prompts. Idempotent: a repeat releases nothing more.
 */
@ApplicationScoped
public class AccountClosure {
    private static final Logger LOG = Logger.getLogger(AccountClosure.class);

    private final AccountRepository accounts;
    private final HoldRepository holds;
    private final SettlementService settlements;
    private final AccountService accountService;
    private final Transactions tx;

    public AccountClosure(AccountRepository accounts, HoldRepository holds, SettlementService settlements, AccountService accountService,
                          Transactions tx) {
        this.accounts = accounts;
        this.holds = holds;
        this.settlements = settlements;
        this.accountService = accountService;
        this.tx = tx;
    }

    /** When the account was closed, and how many holds this call released; 404 when the tenant has no account. */
    public record Closed(String tenantId, Instant closedAt, int releasedHolds) {
    }

    public Uni<Closed> close(String tenantId) {
        return accountService.catalog().flatMap(catalog -> tx.inTransaction(conn -> accounts.findForUpdate(conn, tenantId)
                .flatMap(found -> {
                    if (found.isEmpty()) {
                        throw BillingProblems.notFound("no account for tenant " + tenantId);
                    }
                    return accounts.close(conn, tenantId).flatMap(closedAt -> holds.openOf(conn, tenantId).flatMap(open -> {
                        List<Settlement> releases = open.stream()
                                .map(job -> new Settlement(job, Settlement.Outcome.RELEASE, null, "account closed")).toList();
                        return settlements.settle(conn, releases, catalog).map(n -> new Closed(tenantId, closedAt, open.size()));
                    }));
                })))
                .invoke(closed -> LOG.infof("account of tenant %s closed (since %s), %d holds released now", tenantId, closed.closedAt(),
                        closed.releasedHolds()));
    }
}
