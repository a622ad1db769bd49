package io.realskin.support.problem;

import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A {@code Content-Type} that is no media type ({@code ;;;}, {@code image/}, {@code a/b/c}) is {@code 415
 * unsupported-media-type}, an {@code Accept} with a range that is none ({@code ;}, {@code image/}) {@code 406
 * not-acceptable}, on every route and before one is matched: the framework parses them while it chooses among methods
 * told apart by type (POST /v1/images by Content-Type, a job's events by Accept) and its parse error was a 500 with a
 * stack trace logged at ERROR, or a 400, where routes of one method answered 415 and 406. After authentication, as the
 * framework's own 415 and 406 are (the gateway's API key filter; a backend checks its service token before any filter).
 * Every service, so that a backend's route told apart by type cannot bring the 500 back.
 */
public class UnreadableMediaTypes {
    @ServerRequestFilter(preMatching = true, priority = Priorities.AUTHENTICATION + 1)
    public void refuseUnreadableTypes(ContainerRequestContext request) {
        String contentType = request.getHeaderString(HttpHeaders.CONTENT_TYPE);
        if (contentType != null && !readable(contentType)) {
            throw new NotSupportedException();
        }
        if (!AcceptedTypes.readable(request.getHeaders().get(HttpHeaders.ACCEPT))) {
            throw new NotAcceptableException();
        }
    }

    private static boolean readable(String contentType) {
        try {
            MediaType.valueOf(contentType);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
