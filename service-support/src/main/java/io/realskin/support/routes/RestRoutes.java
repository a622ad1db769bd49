package io.realskin.support.routes;

import io.quarkus.resteasy.reactive.server.runtime.ResteasyReactiveRecorder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.core.Deployment;
import org.jboss.resteasy.reactive.server.handlers.ClassRoutingHandler;
import org.jboss.resteasy.reactive.server.handlers.RestInitialHandler.InitialMatch;
import org.jboss.resteasy.reactive.server.mapping.RequestMapper;
import org.jboss.resteasy.reactive.server.mapping.RequestMapper.RequestMatch;
import org.jboss.resteasy.reactive.server.mapping.RuntimeResource;
import org.jboss.resteasy.reactive.server.spi.ServerRestHandler;

/**
 * A path as the REST router matches it, for answers given where the router's own match is not at hand (a 405's
 * {@code Allow}, an OPTIONS, the metrics label of an answer given before routing): the resource classes whose path it
 * falls under, by the router's own matchers, each with its methods' routes for the rest of the path.
 */
public final class RestRoutes {
    /** Resource classes nested under one another's paths are few; this bounds a walk over them. */
    private static final int MAX_CLASSES = 32;
    private static volatile Router router;

    private record Router(Deployment deployment, RequestMapper<InitialMatch> classes) {
    }

    /** A resource class whose path the path falls under: its path template, the rest of the path, its routes by method. */
    public record ClassMatch(String template, String remaining, Map<String, RequestMapper<RuntimeResource>> methods) {
        /** Whether one of the class's routes for this method takes the rest of the path. */
        public boolean takes(String method) {
            return route(method).isPresent();
        }

        /** The whole template (the class's and the method's) of the class's route for this method, if one takes the rest. */
        public Optional<String> route(String method) {
            RequestMapper<RuntimeResource> own = methods.get(method);
            RequestMatch<RuntimeResource> found = own == null ? null : own.map(remaining);
            return found == null ? Optional.empty() : Optional.of(join(template, found.template.template));
        }
    }

    private RestRoutes() {
    }

    /** The resource classes the path falls under, in the router's order; empty outside a running application. */
    public static List<ClassMatch> under(String path) {
        Router current = current();
        if (current == null || path == null) {
            return List.of();
        }
        String prefix = current.deployment().getPrefix();
        String local = prefix != null && !prefix.isEmpty() && !prefix.equals("/") && path.startsWith(prefix) ? path.substring(prefix.length()) : path;
        List<ClassMatch> matches = new ArrayList<>();
        RequestMatch<InitialMatch> match = current.classes().map(local);
        for (int i = 0; match != null && i < MAX_CLASSES; i++, match = current.classes().continueMatching(local, match)) {
            String remaining = match.remaining == null || match.remaining.isEmpty() ? "/" : match.remaining;
            Map<String, RequestMapper<RuntimeResource>> methods = Map.of();
            for (ServerRestHandler handler : match.value.handlers) {
                if (handler instanceof ClassRoutingHandler routing) {
                    methods = routing.getMappers();
                    break;
                }
            }
            matches.add(new ClassMatch(match.template.template, remaining, methods));
        }
        return matches;
    }

    private static String join(String resource, String method) {
        String joined = (resource + "/" + method).replaceAll("/{2,}", "/");
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }

    private static Router current() {
        Deployment deployment = ResteasyReactiveRecorder.getCurrentDeployment();
        if (deployment == null) {
            return null;
        }
        Router known = router;
        if (known == null || known.deployment() != deployment) { // a dev-mode restart makes a new deployment
            known = new Router(deployment, new RequestMapper<>(deployment.getClassMappers()));
            router = known;
        }
        return known;
    }
}
