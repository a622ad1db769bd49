package io.realskin.billing.rest;

import io.realskin.billing.domain.Account;
import io.realskin.billing.domain.Hold;
import io.realskin.billing.domain.IdempotencyKeys;
import io.realskin.billing.domain.LedgerKind;
import io.realskin.billing.domain.Plan;
import io.realskin.billing.repository.LedgerRepository.StoredEntry;
import io.realskin.billing.service.CreditService;
import io.realskin.contracts.billing.Balance;
import io.realskin.contracts.billing.HoldState;
import io.realskin.contracts.billing.LedgerEntry;

/**
 * Response bodies of the REST API: the ones the gateway reads are io.realskin.contracts.billing's records, made here
 * from billing's domain; the account view is billing's own.
 */
final class Views {

    static HoldState holdState(Hold h) {
        return new HoldState(h.holdId(), h.jobId(), h.tenantId(), h.amount(), h.status().name(), h.captured(), h.priceVersion());
    }

    static Balance balance(Account a) {
        return new Balance(a.tenantId(), a.plan(), a.available(), a.held());
    }

    /**
     * A referral commission booked before 2026-12-07 named the buyer in its key and reason: the referrer is shown a
     * digest and the neutral reason instead, as a commission is booked now (the ledger itself is append-only).
     */
    static LedgerEntry entry(StoredEntry e) {
        if (e.kind() == LedgerKind.GRANT && IdempotencyKeys.isReferralCommission(e.idempotencyKey())) {
            return new LedgerEntry(e.id(), e.kind().name(), e.amount(), e.jobId(), IdempotencyKeys.shownToReferrer(e.idempotencyKey()),
                    CreditService.REFERRAL_COMMISSION, e.createdAt());
        }
        return new LedgerEntry(e.id(), e.kind().name(), e.amount(), e.jobId(), e.idempotencyKey(), e.reason(), e.createdAt());
    }

    record Entitlements(long monthlyGrant, boolean premiumModels, Double maxOutputMegapixels, int requestsPerMinute) {
        static Entitlements of(Plan p) {
            return new Entitlements(p.monthlyGrant(), p.premiumModels(), p.maxOutputMegapixels(), p.requestsPerMinute());
        }
    }

    record AccountView(String tenantId, String plan, long available, long held, String referralCode, String referredBy,
                       Entitlements entitlements) {
        static AccountView of(Account a, Plan p) {
            return new AccountView(a.tenantId(), a.plan(), a.available(), a.held(), a.referralCode(), a.referredBy(), Entitlements.of(p));
        }
    }

    private Views() {
    }
}
