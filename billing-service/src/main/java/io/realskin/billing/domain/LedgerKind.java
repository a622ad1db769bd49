package io.realskin.billing.domain;

/** The kinds of an append-only ledger entry. */
public enum LedgerKind {
    GRANT, PURCHASE, HOLD, CAPTURE, RELEASE, REFUND, ADJUST, EXPIRY;

    public static LedgerKind parse(String value) {
        try {
            return valueOf(value.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw BillingProblems.invalidField("kind", "kind must be one of " + java.util.Arrays.toString(values()));
        }
    }
}
