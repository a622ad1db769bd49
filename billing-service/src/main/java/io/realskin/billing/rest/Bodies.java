package io.realskin.billing.rest;

import static io.realskin.contracts.billing.CreditRequest.MAX_AMOUNT;

import io.realskin.billing.domain.BillingProblems;
import io.realskin.billing.domain.PriceList;
import io.realskin.billing.domain.Workload;
import io.realskin.billing.service.Ids;
import io.realskin.contracts.billing.Quote;

/** Billing's checks of the request bodies (the records are io.realskin.contracts.billing, shared with the gateway). */
final class Bodies {
    static final int MAX_REASON = 500;

    /** Plan and referrer changes name one thing; the referrer's referral code. */
    record ReferrerBody(String code) {
    }

    /**
     * The quote as billing prices it: 1 megapixel when none is given, both fractions in range, names checked; a refusal's
     * {@code field} is the quote's field behind {@code at}, where the body holds the quote ("" when flat, "quote.").
     */
    static Workload workload(Quote quote, String at) {
        if (quote == null) {
            throw BillingProblems.invalidField("quote", "quote is required");
        }
        // written so that NaN, which fails every comparison, is out of range: Jackson reads the string "NaN" as one
        double mp = quote.megapixels() == null ? 1.0 : quote.megapixels();
        if (!(mp >= 0 && mp <= Workload.MAX_MEGAPIXELS)) {
            throw BillingProblems.invalidField(at + "megapixels", "megapixels must be 0..400");
        }
        Double masked = quote.maskedFraction();
        if (masked != null && !(masked >= 0 && masked <= 1)) {
            throw BillingProblems.invalidField(at + "maskedFraction", "maskedFraction must be 0..1");
        }
        String model = quote.model();
        String operation = PriceList.requireOperation(at + "operation", Ids.requireName(at + "operation", quote.operation()));
        return new Workload(operation,
                model == null || model.isBlank() ? null : Ids.requireName(at + "model", model), mp, masked);
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
            throw BillingProblems.invalidField("reason", "reason must be at most " + MAX_REASON + " characters");
        }
        return reason;
    }

    /** What a grant or a purchase may move: the one answer to 0, -5, 1000000001 and a number past a long alike. */
    static final String CREDIT_RANGE = "amount must be between 1 and " + MAX_AMOUNT + " credits";
    static final String ADJUSTMENT_RANGE = "amount must be between -" + MAX_AMOUNT + " and " + MAX_AMOUNT + " credits";
    static final String REFUND_RANGE = "amount must be between 1 and what the job was charged";

    /** A grant's or a purchase's amount. */
    static long requireCredits(Long amount) {
        long a = requirePresent(amount);
        if (a < 1 || a > MAX_AMOUNT) {
            throw BillingProblems.invalidField("amount", CREDIT_RANGE);
        }
        return a;
    }

    /** An adjustment's signed amount (0 is refused by CreditService#adjust). */
    static long requireAdjustment(Long amount) {
        long a = requirePresent(amount);
        if (a > MAX_AMOUNT || a < -MAX_AMOUNT) {
            throw BillingProblems.invalidField("amount", ADJUSTMENT_RANGE);
        }
        return a;
    }

    /**
     * The range of the {@code amount} of a body that {@code endpoint} (a method of AccountResource) reads, for a number
     * past a long's range, which Jackson refuses before the method's own check sees it; null for another endpoint.
     */
    static String amountRange(String endpoint) {
        return switch (endpoint) {
            case "grant", "purchase" -> CREDIT_RANGE;
            case "adjust" -> ADJUSTMENT_RANGE;
            case "refund" -> REFUND_RANGE;
            default -> null;
        };
    }

    private static long requirePresent(Long amount) {
        if (amount == null) {
            throw BillingProblems.invalidField("amount", "amount is required");
        }
        return amount;
    }

    private Bodies() {
    }
}
