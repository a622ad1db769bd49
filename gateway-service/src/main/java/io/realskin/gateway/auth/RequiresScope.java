package io.realskin.gateway.auth;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The scope a {@code /v1} route needs, declared on its resource method. {@link AuthFilter} checks it right after the
 * key, before anything of the route runs: no Idempotency-Key replay, no body read, no backend call. A {@code /v1}
 * route that declares none is an admin route (fail closed).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface RequiresScope {
    String value();
}
