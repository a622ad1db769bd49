package io.realskin.billing.service;

import io.realskin.billing.domain.BillingProblems;
import io.realskin.contracts.Identifiers;

/**
 * Ids and names from outside, checked before they reach SQL: ids (tenants, jobs) follow the one id grammar of
 * {@link Identifiers}, names (plans, models, operations, referral codes) its name grammar.
 */
public final class Ids {
    public static String require(String name, String value) {
        if (!Identifiers.isId(value)) {
            throw BillingProblems.invalidField(name, name + " " + Identifiers.ID_MESSAGE);
        }
        return value;
    }

    /** Null stays null (an optional filter or field). */
    public static String optional(String name, String value) {
        return value == null ? null : require(name, value);
    }

    public static String requireName(String name, String value) {
        if (!Identifiers.isName(value)) {
            throw BillingProblems.invalidField(name, name + " must be a name: 1 to " + Identifiers.MAX_LENGTH + " letters, digits, . _ / or -");
        }
        return value;
    }

    private Ids() {
    }
}
