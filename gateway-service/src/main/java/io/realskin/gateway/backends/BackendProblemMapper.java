package io.realskin.gateway.backends;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.OptionalLong;
import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

/**
 * The backends' error answers as the typed REST clients throw them: a 503 or 429 with a {@code Retry-After} it can
 * read ({@link BackendRetryAfter}) is a {@link BackendBusy} (an answer: not retried, not counted, passed on with that
 * wait); any other 5xx is a {@link BackendFailure} (the breakers count it, the caller gets 503 with the gateway's 5 s);
 * any other 4xx a {@link BackendProblem} carrying the backend's RFC 9457 problem, which is an answer and no failure, and
 * keeps the backend's {@code Retry-After} for the caller. Registered on {@link BillingApi}, {@link PromptApi} and
 * {@link TextureApi}.
 */
public final class BackendProblemMapper implements ResponseExceptionMapper<RuntimeException> {
    @Override
    public boolean handles(int status, MultivaluedMap<String, Object> headers) {
        return status >= 400;
    }

    @Override
    public RuntimeException toThrowable(Response response) {
        int status = response.getStatus();
        OptionalLong retryAfter = BackendRetryAfter.read(response.getHeaderString("Retry-After"));
        if (status == 503 && retryAfter.isPresent()) {
            return BackendBusy.unavailable(retryAfter.getAsLong());
        }
        if (status >= 500) {
            return new BackendFailure("answered " + status);
        }
        // as text: problem bodies are application/problem+json, for which no JSON reader is registered
        BackendProblem problem = BackendProblems.read(status, response.hasEntity() ? response.readEntity(String.class) : "", retryAfter);
        return status == 429 && retryAfter.isPresent() ? BackendBusy.limited(problem, retryAfter.getAsLong()) : problem;
    }
}
