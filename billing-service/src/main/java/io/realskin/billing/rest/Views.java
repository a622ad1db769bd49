package io.realskin.billing.rest;

import io.realskin.billing.domain.Account;
import io.realskin.billing.domain.Hold;
import io.realskin.billing.domain.Plan;
import io.realskin.billing.repository.LedgerRepository.StoredEntry;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Response bodies of the REST API. */
final class Views {

    record HoldView(UUID holdId, String jobId, String tenantId, long amount, long available, long held) {
    }

    record HoldStateView(UUID holdId, String jobId, String tenantId, long amount, String status, Long captured, int priceVersion) {
        static HoldStateView of(Hold h) {
            return new HoldStateView(h.holdId(), h.jobId(), h.tenantId(), h.amount(), h.status().name(), h.captured(), h.priceVersion());
        }
    }

    record BalanceView(String tenantId, String plan, long available, long held) {
        static BalanceView of(Account a) {
            return new BalanceView(a.tenantId(), a.plan(), a.available(), a.held());
        }
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

    record EntryView(long id, String kind, long amount, String jobId, String idempotencyKey, String reason, OffsetDateTime createdAt) {
        static EntryView of(StoredEntry e) {
            return new EntryView(e.id(), e.kind().name(), e.amount(), e.jobId(), e.idempotencyKey(), e.reason(), e.createdAt());
        }
    }

    record LedgerPage(List<EntryView> items, String nextCursor) {
    }

    record QuoteView(String operation, String model, String tier, long amount, int priceVersion, Boolean allowed, String reason) {
    }

    private Views() {
    }
}
