package io.realskin.support.problem;

import java.util.Optional;

/**
 * The detail of an HTTP-level error the framework raises before any route runs (no route, a method, body type or
 * answer type the route does not take), in the client's words: the framework's own message names Java annotations
 * ("The content-type header value did not match the value in @Consumes").
 */
final class HttpErrors {
    /** Null for a status without a detail of its own (the exception's message is kept). */
    static String detail(int status, String method, String path, String contentType, String accept) {
        return switch (status) {
            case 404 -> "there is no " + path + "; GET /q/openapi lists the routes";
            case 406 -> path + " cannot answer in a type the Accept header allows (" + accept + ")";
            case 415 -> path + " does not take a body of Content-Type " + (contentType == null ? "(none given)" : contentType)
                    + "; GET /q/openapi lists the types it takes";
            default -> null;
        };
    }

    /** A 405's detail: the methods the path takes, as its Allow header has them, when they are known. */
    static String notAllowed(String method, String path, Optional<String> allowed) {
        return path + " does not take " + method + allowed.map(methods -> "; it takes " + methods)
                .orElse("; GET /q/openapi lists the methods it takes");
    }

    private HttpErrors() {
    }
}
