package io.realskin.gateway.auth;

import io.realskin.gateway.problems.Problems;
import jakarta.enterprise.context.RequestScoped;

/** The authenticated caller of the current request, set by {@link AuthFilter}. */
@RequestScoped
public class CallerContext {
    private Caller caller;

    void set(Caller caller) {
        this.caller = caller;
    }

    /** The caller, or null outside {@code /v1}. */
    public Caller current() {
        return caller;
    }

    /** The caller of a {@code /v1} route, whose {@link RequiresScope} the auth filter has already checked. */
    public Caller get() {
        if (caller == null) {
            throw Problems.unauthorized("no API key");
        }
        return caller;
    }

    /** The caller, who must also hold {@code scope} (or admin): for a second scope some requests need. */
    public Caller require(String scope) {
        if (caller == null) {
            throw Problems.unauthorized("no API key");
        }
        if (!caller.has(scope)) {
            throw Problems.forbidden(scope);
        }
        return caller;
    }
}
