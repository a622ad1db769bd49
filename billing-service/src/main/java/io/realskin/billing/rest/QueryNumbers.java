package io.realskin.billing.rest;

import io.realskin.billing.domain.BillingProblems;

/**
 * Whole numbers in the query string, read here rather than by JAX-RS: a value it cannot convert for an
 * {@code Integer} parameter is answered 404 ("there is no /accounts/…/ledger"), as if the route did not exist.
 */
final class QueryNumbers {
    /** Null when absent or blank; else the number (its range is the caller's check), or 400 naming {@code name}. */
    static Long optional(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw BillingProblems.invalidField(name, name + " must be a whole number");
        }
    }

    private QueryNumbers() {
    }
}
