package io.realskin.billing.rest;

import io.realskin.billing.domain.BillingProblems;
import io.realskin.billing.domain.Workload;
import io.realskin.billing.service.Ids;

/** Request bodies of the REST API. */
final class Bodies {
    static final int MAX_REASON = 500;

    record QuoteBody(String operation, String model, Double megapixels, Double maskedFraction) {
        Workload toWorkload() {
            double mp = megapixels == null ? 1.0 : megapixels;
            if (mp < 0 || mp > 400) {
                throw BillingProblems.invalid("megapixels must be 0..400");
            }
            if (maskedFraction != null && (maskedFraction < 0 || maskedFraction > 1)) {
                throw BillingProblems.invalid("maskedFraction must be 0..1");
            }
            return new Workload(Ids.requireName("operation", operation), model == null || model.isBlank() ? null : Ids.requireName("model", model),
                    mp, maskedFraction);
        }
    }

    record HoldBody(String tenantId, String jobId, QuoteBody quote) {
    }

    record QuoteRequestBody(String tenantId, String operation, String model, Double megapixels, Double maskedFraction) {
        QuoteBody quote() {
            return new QuoteBody(operation, model, megapixels, maskedFraction);
        }
    }

    record PlanBody(String plan) {
    }

    record ReferrerBody(String code) {
    }

    record CreditBody(Long amount, String idempotencyKey, String reason) {
        String checkedReason() {
            return Bodies.reason(reason);
        }
    }

    record RefundBody(String jobId, Long amount, String reason) {
    }

    static <T> T require(T body) {
        if (body == null) {
            throw BillingProblems.invalid("a JSON body is required");
        }
        return body;
    }

    /** A free-text reason: its characters were checked as it was read (StrictJson); its length here. */
    static String reason(String reason) {
        if (reason != null && reason.length() > MAX_REASON) {
            throw BillingProblems.invalid("reason must be at most " + MAX_REASON + " characters");
        }
        return reason;
    }

    static long requireAmount(Long amount) {
        if (amount == null) {
            throw BillingProblems.invalid("amount is required");
        }
        return amount;
    }

    private Bodies() {
    }
}
