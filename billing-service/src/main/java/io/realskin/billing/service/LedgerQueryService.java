package io.realskin.billing.service;

import io.realskin.billing.domain.BillingProblems;
import io.realskin.billing.domain.LedgerKind;
import io.realskin.billing.repository.LedgerRepository;
import io.realskin.billing.repository.LedgerRepository.StoredEntry;
import io.realskin.billing.repository.Transactions;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/** The ledger of an account, newest first, in pages linked by an opaque cursor (stable while entries are appended). */
@ApplicationScoped
public class LedgerQueryService {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    private final LedgerRepository ledger;
    private final AccountService accounts;
    private final Transactions tx;

    public LedgerQueryService(LedgerRepository ledger, AccountService accounts, Transactions tx) {
        this.ledger = ledger;
        this.accounts = accounts;
        this.tx = tx;
    }

    public record Page(List<StoredEntry> items, String nextCursor) {
    }

    public Uni<Page> page(String tenantId, String jobId, String kind, String cursor, Long limit) {
        if (limit != null && (limit < 1 || limit > MAX_LIMIT)) {
            throw BillingProblems.invalidField("limit", "limit must be 1.." + MAX_LIMIT);
        }
        int size = limit == null ? DEFAULT_LIMIT : limit.intValue();
        LedgerKind kindFilter = kind == null || kind.isBlank() ? null : LedgerKind.parse(kind);
        Long before = cursor == null || cursor.isBlank() ? null : decode(cursor);
        return accounts.get(tenantId).flatMap(account -> ledger.page(tx.pool(), tenantId, blankToNull(jobId), kindFilter, before, size + 1))
                .map(rows -> rows.size() > size
                        ? new Page(rows.subList(0, size), encode(rows.get(size - 1).id()))
                        : new Page(rows, null));
    }

    static String encode(long id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("v1:" + id).getBytes(StandardCharsets.UTF_8));
    }

    static long decode(String cursor) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!plain.startsWith("v1:")) {
                throw new IllegalArgumentException();
            }
            return Long.parseLong(plain.substring(3));
        } catch (IllegalArgumentException e) {
            throw BillingProblems.invalidField("cursor", "cursor is not one this API returned");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
