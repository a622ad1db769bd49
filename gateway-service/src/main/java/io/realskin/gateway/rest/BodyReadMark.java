package io.realskin.gateway.rest;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.IOException;

/**
 * Once a route's body has been read into its parameter, its transfer is over: {@link TransferDeadline#bodyRead}. A
 * request filter with {@code readBody = true} ran too early for a blocking route, whose body is read by its reader on
 * the worker thread (a trickled upload was no longer cut). Server only: a REST client finds every {@code @Provider},
 * and reading a backend's answer outside a request (a scheduled sweep) failed with no request context.
 */
@Provider
@ConstrainedTo(RuntimeType.SERVER)
public class BodyReadMark implements ReaderInterceptor {
    private final CurrentVertxRequest current;

    public BodyReadMark(CurrentVertxRequest current) {
        this.current = current;
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        Object body = context.proceed();
        TransferDeadline.bodyRead(current.getCurrent());
        return body;
    }
}
