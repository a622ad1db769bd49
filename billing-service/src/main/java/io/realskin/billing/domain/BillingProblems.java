package io.realskin.billing.domain;

import io.realskin.support.problem.Problem;
import io.realskin.support.problem.ProblemException;
import io.realskin.support.problem.ProblemType;
import io.realskin.support.problem.ProblemTypes;

/**
 * billing-service's problems: its own three types, and the shared ones it answers (service-support's
 * {@link ProblemTypes}; its mappers render every one as application/problem+json).
 */
public final class BillingProblems {
    /** The service token is for another tenant than the one the request names (path or body). */
    public static final ProblemType TENANT_MISMATCH = new ProblemType("tenant-mismatch", 403, "Another tenant's account");
    /** Grants, purchases, adjustments, refunds, plan and referrer changes, reconciliation: scope admin only. */
    public static final ProblemType ADMIN_SCOPE_REQUIRED = new ProblemType("admin-scope-required", 403, "Admin operation");
    public static final ProblemType CONFLICT = new ProblemType("conflict", 409, "Conflict");

    public static ProblemException invalid(String detail) {
        return Problem.of(ProblemTypes.INVALID_REQUEST, detail).exception();
    }

    public static ProblemException notFound(String detail) {
        return Problem.of(ProblemTypes.NOT_FOUND, detail).exception();
    }

    public static ProblemException tenantMismatch() {
        return Problem.of(TENANT_MISMATCH, "the service token is for another tenant than this request names").exception();
    }

    public static ProblemException adminRequired() {
        return Problem.of(ADMIN_SCOPE_REQUIRED, "this operation needs a service token with scope admin").exception();
    }

    public static ProblemException conflict(String detail) {
        return Problem.of(CONFLICT, detail).exception();
    }

    public static ProblemException insufficientCredits(long required, long available) {
        return Problem.of(ProblemTypes.INSUFFICIENT_CREDITS, "this job needs " + required + " credits, " + available + " are available")
                .with("required", required).with("available", available).with("shortfall", required - available).exception();
    }

    public static ProblemException planExcludes(String plan, String detail) {
        return Problem.of(ProblemTypes.PLAN_EXCLUDES, detail).with("plan", plan).exception();
    }

    private BillingProblems() {
    }
}
