package io.realskin.billing.domain;

import java.util.LinkedHashMap;
import java.util.Map;

/** An expected failure with its RFC 9457 problem type; the REST layer renders it as application/problem+json. */
public final class BillingProblem extends RuntimeException {
    public static final String TYPE_BASE = "https://realskin.io/problems/";

    private final int status;
    private final String type;
    private final String title;
    private final Map<String, Object> extensions;

    private BillingProblem(int status, String slug, String title, String detail, Map<String, Object> extensions) {
        super(detail, null, false, false);
        this.status = status;
        this.type = TYPE_BASE + slug;
        this.title = title;
        this.extensions = extensions;
    }

    public static BillingProblem validation(String detail) {
        return new BillingProblem(400, "validation", "Invalid request", detail, Map.of());
    }

    public static BillingProblem notFound(String detail) {
        return new BillingProblem(404, "not-found", "Not found", detail, Map.of());
    }

    /** The service token is for another tenant than the one the request names (path or body). */
    public static BillingProblem tenantMismatch() {
        return new BillingProblem(403, "tenant-mismatch", "Another tenant's account",
                "the service token is for another tenant than this request names", Map.of());
    }

    /** Grants, purchases, adjustments, refunds, plan and referrer changes, reconciliation: scope admin only. */
    public static BillingProblem adminRequired() {
        return new BillingProblem(403, "admin-scope-required", "Admin operation",
                "this operation needs a service token with scope admin", Map.of());
    }

    public static BillingProblem conflict(String detail) {
        return new BillingProblem(409, "conflict", "Conflict", detail, Map.of());
    }

    public static BillingProblem insufficientCredits(long required, long available) {
        Map<String, Object> ext = new LinkedHashMap<>();
        ext.put("required", required);
        ext.put("available", available);
        ext.put("shortfall", required - available);
        return new BillingProblem(402, "insufficient-credits", "Insufficient credits",
                "the job needs " + required + " credits, " + available + " are available", ext);
    }

    public static BillingProblem planExcludes(String plan, String detail) {
        return new BillingProblem(403, "plan-excludes", "Not included in the plan", detail, Map.of("plan", plan));
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }
}
