package io.realskin.gateway.idempotency;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.realskin.gateway.rest.JsonBodyCap;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Keeps the JSON body of a request that carries an Idempotency-Key as it was sent, for its fingerprint: the body read
 * into a record has lost the fields the record does not know, and a replay with an extra field is another request.
 */
@Provider
public class JsonBodyCapture implements ReaderInterceptor {
    private static final String KEY = JsonBodyCapture.class.getName();

    private final CurrentVertxRequest current;

    public JsonBodyCapture(CurrentVertxRequest current) {
        this.current = current;
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        if (JsonBodyCap.isJson(context.getMediaType()) && context.getHeaders().getFirst(IdempotencyInterceptor.HEADER) != null) {
            byte[] body = context.getInputStream().readAllBytes();
            current.getCurrent().put(KEY, body);
            context.setInputStream(new ByteArrayInputStream(body));
        }
        return context.proceed();
    }

    /** The JSON body of the current request as sent, or null when none was kept. */
    static byte[] captured(RoutingContext request) {
        return request == null ? null : request.get(KEY);
    }
}
