package io.realskin.support.problem;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A body in a {@code Content-Encoding} other than {@code identity} ({@code gzip}, {@code br}, in any case) is {@code 415
 * unsupported-media-type} naming the coding, with {@code Accept-Encoding: identity} (RFC 9110 15.5.16), on every route
 * and before the body is read: its compressed bytes were read as they were and answered "not valid JSON", or stored as
 * an image that was none. After authentication, as {@link UnreadableMediaTypes}' 415 is (a backend's service token
 * is checked before any filter). Every service: a backend had read a gzip body as its raw bytes too.
 */
public class ContentCodings {
    private final CurrentVertxRequest current;

    public ContentCodings(CurrentVertxRequest current) {
        this.current = current;
    }

    @ServerRequestFilter(preMatching = true, priority = Priorities.AUTHENTICATION + 1)
    public void refuseCodedBodies(ContainerRequestContext request) {
        List<String> codings = request.getHeaders().get(HttpHeaders.CONTENT_ENCODING);
        if (codings == null || AnnouncedLength.of(request, current.getCurrent().request()) == 0) {
            return;
        }
        String sent = String.join(", ", codings);
        boolean identity = Arrays.stream(sent.split(",")).map(String::trim).allMatch(c -> c.isEmpty() || c.equalsIgnoreCase("identity"));
        if (!identity) {
            throw new ProblemException(Problem.of(ProblemTypes.UNSUPPORTED_MEDIA_TYPE, "a body in Content-Encoding " + sent
                    + " is not read here; send it as it is, without Content-Encoding (or with identity)"),
                    Map.of("Accept-Encoding", "identity"));
        }
    }
}
