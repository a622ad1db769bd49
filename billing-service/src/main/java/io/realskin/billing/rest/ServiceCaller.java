package io.realskin.billing.rest;

import io.realskin.billing.domain.BillingProblems;
import io.realskin.billing.domain.Hold;
import jakarta.enterprise.context.RequestScoped;
import java.util.Arrays;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who calls, from the verified service token (docs/security.md): the gateway on behalf of tenant {@code sub}, with
 * {@code scope}. Without scope {@code admin} a call may only touch its own tenant's account and holds.
 */
@RequestScoped
public class ServiceCaller {
    static final String ADMIN = "admin";

    private final JsonWebToken token;

    public ServiceCaller(JsonWebToken token) {
        this.token = token;
    }

    boolean isAdmin() {
        Object scope = token.getClaim("scope");
        return scope instanceof String s && Arrays.asList(s.trim().split("\\s+")).contains(ADMIN);
    }

    void requireAdmin() {
        if (!isAdmin()) {
            throw BillingProblems.adminRequired();
        }
    }

    /** A tenant the request names (path or body) must be the token's: 403 otherwise. */
    void requireTenant(String tenantId) {
        if (tenantId != null && !isAdmin() && !tenantId.equals(token.getSubject())) {
            throw BillingProblems.tenantMismatch();
        }
    }

    /** A hold found by its job id: another tenant's is answered as if there were none (404), its job id being no clue. */
    Hold requireOwn(Hold hold) {
        if (!isAdmin() && !hold.tenantId().equals(token.getSubject())) {
            throw BillingProblems.notFound("no hold for job " + hold.jobId());
        }
        return hold;
    }
}
