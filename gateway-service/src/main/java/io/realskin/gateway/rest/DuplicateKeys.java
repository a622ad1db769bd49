package io.realskin.gateway.rest;

import io.realskin.contracts.StrictJson;
import io.realskin.gateway.problems.Problems;
import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.IOException;

/**
 * A JSON body that gives a key twice ({@code {"intensity":10,"intensity":90}}) is refused by the parser
 * ({@link StrictJson}); its refusal names no field, so it would be answered as "not valid JSON": this answers it as
 * {@code 400 invalid-request} naming the key's path in {@code field} and in the detail. Server only: a REST client finds
 * every {@code @Provider}, and a backend's answer is not the caller's request.
 */
@Provider
@ConstrainedTo(RuntimeType.SERVER)
public class DuplicateKeys implements ReaderInterceptor {
    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        try {
            return context.proceed();
        } catch (IOException | RuntimeException e) {
            String key = StrictJson.duplicateKey(e);
            if (key == null) {
                throw e;
            }
            throw Problems.invalidField(key, key + ": given more than once; send each field once");
        }
    }
}
