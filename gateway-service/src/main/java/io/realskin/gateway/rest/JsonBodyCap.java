package io.realskin.gateway.rest;

import io.realskin.gateway.config.GatewayConfig;
import io.realskin.gateway.problems.Problems;
import io.realskin.support.problem.BodyFieldsCheck;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * A JSON body over {@code realskin.bodies.max-json-kib} is 413 request-too-large before it is parsed, also when it
 * announced no length ({@link BodyBudgetFilter} refuses one announced over it before it is read): a chunked body of
 * 30 MiB was parsed whole and, on the prompt routes, sent on to prompt-service. Before the other reader interceptors.
 * Server only: a REST client finds every {@code @Provider}, and a backend's answer is not a request body.
 */
@Provider
@ConstrainedTo(RuntimeType.SERVER)
@Priority(Priorities.USER - 100)
public class JsonBodyCap implements ReaderInterceptor {
    /** Looked up when a body is read: the interceptor is made at static init, before the config mapping exists. */
    private final Instance<GatewayConfig> config;

    public JsonBodyCap(Instance<GatewayConfig> config) {
        this.config = config;
    }

    /** Whether a body of this type is read as JSON. */
    public static boolean isJson(MediaType type) {
        return BodyFieldsCheck.isJson(type);
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        if (isJson(context.getMediaType())) {
            int maxBytes = config.get().bodies().maxJsonKib() * 1024;
            byte[] body = context.getInputStream().readNBytes(maxBytes + 1);
            if (body.length > maxBytes) {
                throw Problems.requestTooLarge(maxBytes);
            }
            context.setInputStream(new ByteArrayInputStream(body));
        }
        return context.proceed();
    }
}
