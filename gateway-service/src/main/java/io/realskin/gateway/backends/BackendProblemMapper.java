package io.realskin.gateway.backends;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.OptionalLong;
import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

/**
 * The backends' error answers as the typed REST clients throw them: a 5xx is a {@link BackendFailure} (the breakers
 * count it, the caller gets 503), a 4xx a {@link BackendProblem} carrying the backend's RFC 9457 problem, which is an
 * answer and no failure. Either keeps the backend's {@code Retry-After} ({@link BackendRetryAfter}) for the caller.
 * Registered on {@link BillingApi}, {@link PromptApi} and {@link TextureApi}.
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
        if (status >= 500) {
            return new BackendFailure("answered " + status, retryAfter);
        }
        // as text: problem bodies are application/problem+json, for which no JSON reader is registered
        return BackendProblems.read(status, response.hasEntity() ? response.readEntity(String.class) : "", retryAfter);
    }
}
