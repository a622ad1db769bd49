package io.realskin.gateway.rest;

import io.realskin.gateway.domain.Caller;
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

    /** The caller, who must hold {@code scope} (or admin). */
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
