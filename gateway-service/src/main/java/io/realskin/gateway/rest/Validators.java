package io.realskin.gateway.rest;

import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * What an answer of bytes that never change under their URL says about caching it: a strong {@code ETag} and its
 * {@code Cache-Control}, on the 200 and on the 304 alike (RFC 9110 §15.4.5). {@code Vary: Authorization}: the answer is
 * the key's tenant's, so a browser holding one key's copy asks the server again before it shows it to another key.
 */
public record Validators(String etag, String cacheControl) {
    /** The OpenAPI description of the request header and of the 304, for the routes that answer it. */
    public static final String IF_NONE_MATCH_DOC = "ETags of copies the client holds, or *; compared weakly; a malformed value is ignored";
    public static final String NOT_MODIFIED_DOC = "Not modified: If-None-Match named the ETag; no body";

    /** The headers of a 200 or a 304. */
    public Map<String, String> headers() {
        return Map.of("ETag", etag, "Cache-Control", cacheControl, "Vary", "Authorization");
    }

    /**
     * Throws the 304 when the request's {@code If-None-Match} matches the tag; call it once the caller may see the
     * representation (key, scope, tenant checked) and before its bytes are taken from the {@link BodyBudget} or read.
     * The exception's answer leaves as it is (ProblemMappers passes on an answer below 400), with no body.
     */
    public void answerNotModifiedIfCurrent(RoutingContext exchange) {
        if (IfNoneMatch.matches(exchange.request().headers().getAll("If-None-Match"), etag)) {
            Response.ResponseBuilder notModified = Response.notModified();
            headers().forEach(notModified::header);
            throw new WebApplicationException(notModified.build());
        }
    }
}
