package io.realskin.billing.domain;

import io.realskin.support.problem.InvalidRequest;
import io.realskin.support.problem.Problem;
import io.realskin.support.problem.ProblemException;
import io.realskin.support.problem.ProblemTypes;
import java.time.Instant;
import java.util.List;

/**
 * billing-service's problems, each of a type of service-support's {@link ProblemTypes} (its own: tenant-mismatch,
 * admin-scope-required, conflict, account-closed), whose mappers render every one as application/problem+json.
 */
public final class BillingProblems {
    public static ProblemException invalid(String detail) {
        return Problem.of(ProblemTypes.INVALID_REQUEST, detail).exception();
    }

    /** As {@link #invalid(String)}, naming the JSON field or the parameter to blame in {@code field}, as the gateway does. */
    public static ProblemException invalidField(String field, String detail) {
        return InvalidRequest.naming(detail, List.of(field)).exception();
    }

    public static ProblemException notFound(String detail) {
        return Problem.of(ProblemTypes.NOT_FOUND, detail).exception();
    }

    public static ProblemException tenantMismatch() {
        return Problem.of(ProblemTypes.TENANT_MISMATCH, "the service token is for another tenant than this request names").exception();
    }

    public static ProblemException adminRequired() {
        return Problem.of(ProblemTypes.ADMIN_SCOPE_REQUIRED, "this operation needs a service token with scope admin").exception();
    }

    public static ProblemException conflict(String detail) {
        return Problem.of(ProblemTypes.CONFLICT, detail).exception();
    }

    public static ProblemException insufficientCredits(long required, long available) {
        return Problem.of(ProblemTypes.INSUFFICIENT_CREDITS, "this job needs " + required + " credits, " + available + " are available")
                .with("required", required).with("available", available).with("shortfall", required - available).exception();
    }

    public static ProblemException planExcludes(String plan, String detail) {
        return Problem.of(ProblemTypes.PLAN_EXCLUDES, detail).with("plan", plan).exception();
    }

    /** A hold, grant, purchase, adjustment, refund or plan change for an account closed when its tenant was erased. */
    public static ProblemException accountClosed(String tenantId, Instant closedAt) {
        return Problem.of(ProblemTypes.ACCOUNT_CLOSED, "the account of tenant " + tenantId + " was closed at " + closedAt
                + " (the tenant was erased): nothing more is booked for it").with("closedAt", closedAt.toString()).exception();
    }

    private BillingProblems() {
    }
}
