package io.realskin.billing.service;

import io.realskin.billing.domain.BillingProblem;

/** Tenant and job ids: 1..100 characters (the bound of the topic schemas). */
final class Ids {
    static void require(String name, String value) {
        if (value == null || value.isBlank() || value.length() > 100) {
            throw BillingProblem.validation(name + " must be 1 to 100 characters");
        }
    }

    private Ids() {
    }
}
