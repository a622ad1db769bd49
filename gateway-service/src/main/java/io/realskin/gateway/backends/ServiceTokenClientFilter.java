package io.realskin.gateway.backends;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.client.ClientResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import java.lang.reflect.Method;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.client.impl.RestClientRequestContext;

/**
 * Registered on every backend REST client: each request carries a service token for the interface's
 * {@link TokenAudience}, made for the call's {@link OnBehalfOf} argument. A method without one is a programming error
 * and fails before anything is sent. A backend that refuses the token (401) does not trust this gateway's key: that is
 * a broken deployment, logged, and the caller's 503 like any backend failure, never a 401 passed on to the caller.
 */
@ApplicationScoped
public class ServiceTokenClientFilter implements ClientRequestFilter, ClientResponseFilter {
    private static final Logger LOG = Logger.getLogger(ServiceTokenClientFilter.class);

    private final ServiceTokens tokens;

    public ServiceTokenClientFilter(ServiceTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public void filter(ClientRequestContext request) {
        Method method = (Method) request.getProperty(RestClientRequestContext.INVOKED_METHOD_PROP);
        TokenAudience audience = method == null ? null : method.getDeclaringClass().getAnnotation(TokenAudience.class);
        OnBehalfOf onBehalfOf = onBehalfOf(request.getProperty(RestClientRequestContext.INVOKED_METHOD_PARAMETERS_PROP));
        if (audience == null || onBehalfOf == null) {
            throw new IllegalStateException("a backend call without @TokenAudience or an OnBehalfOf argument: " + method);
        }
        request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION,
                "Bearer " + tokens.token(audience.value(), onBehalfOf.tenantId(), onBehalfOf.scope()));
    }

    @Override
    public void filter(ClientRequestContext request, ClientResponseContext response) {
        if (response.getStatus() == 401) {
            LOG.errorf("%s refused the gateway's service token (kid %s): its MP_JWT_VERIFY_PUBLICKEY lacks this key, or the"
                    + " clocks disagree", request.getUri().getAuthority(), tokens.keyId());
            throw new BackendFailure(request.getUri().getAuthority() + " refused the service token");
        }
    }

    private static OnBehalfOf onBehalfOf(Object parameters) {
        if (parameters instanceof List<?> values) {
            for (Object value : values) {
                if (value instanceof OnBehalfOf found) {
                    return found;
                }
            }
        }
        return null;
    }
}
