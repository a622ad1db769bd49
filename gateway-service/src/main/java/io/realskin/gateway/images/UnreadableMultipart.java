package io.realskin.gateway.images;

import io.realskin.gateway.problems.Problems;
import io.realskin.support.problem.ProblemMappers;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * A multipart upload ({@code POST /v1/images}) the framework's parser cannot read is the client's 400, before the
 * route runs: a Content-Type whose {@code boundary} is empty failed inside the parser as a 500 (logged as a bug), and a
 * body cut before its closing delimiter as an IOException, which the shared mapper takes for a database outage (503
 * {@code backend-unavailable} "database", Retry-After 5: the client sent the same body again, the operator saw a
 * database alarm). Any other exception goes to the shared mapper as before.
 */
public class UnreadableMultipart {
    private static final String PARSER_PACKAGE = "org.jboss.resteasy.reactive.server.core.multipart.";
    private static final ProblemMappers SHARED = new ProblemMappers();

    @ServerExceptionMapper
    public Response unreadable(Exception e, UriInfo uri) {
        if (!thrownByTheMultipartParser(e)) {
            return SHARED.unexpected(e, uri);
        }
        return ProblemMappers.respond(Problems.invalid("the multipart body could not be read: send multipart/form-data with a "
                + "boundary of 1 to 70 characters, the file in a part named file and the closing delimiter at the end"), uri);
    }

    static boolean thrownByTheMultipartParser(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            for (StackTraceElement frame : t.getStackTrace()) {
                if (frame.getClassName().startsWith(PARSER_PACKAGE)) {
                    return true;
                }
            }
        }
        return false;
    }
}
