package io.realskin.support.problem;

import io.quarkus.resteasy.reactive.server.runtime.ResteasyReactiveRecorder;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jboss.resteasy.reactive.server.core.Deployment;
import org.jboss.resteasy.reactive.server.handlers.ClassRoutingHandler;
import org.jboss.resteasy.reactive.server.handlers.RestInitialHandler.InitialMatch;
import org.jboss.resteasy.reactive.server.mapping.RequestMapper;
import org.jboss.resteasy.reactive.server.mapping.RequestMapper.RequestMatch;
import org.jboss.resteasy.reactive.server.spi.ServerRestHandler;

/**
 * The methods a path takes, for the {@code Allow} header a 405 must carry (RFC 9110, 15.5.6). The REST router's 405
 * comes without it, so the path is matched again here by the router's own matchers: the resource classes whose path it
 * falls under, then each class's methods whose path takes the rest.
 */
final class AllowedMethods {
    /** Resource classes nested under one another's paths are few; this bounds a walk over them. */
    private static final int MAX_CLASSES = 32;
    private static volatile Routes routes;

    private record Routes(Deployment deployment, RequestMapper<InitialMatch> classes) {
    }

    /**
     * Whether the path falls under a resource class's path (whether or not a method of it takes the rest): the framework
     * answers an OPTIONS there itself, with the methods of the whole class. False outside a running application.
     */
    static boolean underAResource(String path) {
        Routes current = current();
        return current != null && path != null && current.classes().map(local(current, path)) != null;
    }

    /** Sorted and comma separated; empty when no resource takes the path (or outside a running application). */
    static Optional<String> of(String path) {
        Routes current = current();
        if (current == null || path == null) {
            return Optional.empty();
        }
        String local = local(current, path);
        Set<String> methods = new TreeSet<>();
        RequestMatch<InitialMatch> match = current.classes().map(local);
        for (int i = 0; match != null && i < MAX_CLASSES; i++, match = current.classes().continueMatching(local, match)) {
            String remaining = match.remaining == null || match.remaining.isEmpty() ? "/" : match.remaining;
            for (ServerRestHandler handler : match.value.handlers) {
                if (handler instanceof ClassRoutingHandler routing) {
                    routing.getMappers().forEach((method, paths) -> {
                        if (method != null && paths.map(remaining) != null) {
                            methods.add(method);
                        }
                    });
                }
            }
        }
        if (methods.isEmpty()) {
            return Optional.empty();
        }
        if (methods.contains("GET")) {
            methods.add("HEAD"); // the router answers HEAD with the GET route
        }
        methods.add("OPTIONS"); // answered by the router for every resource path
        return Optional.of(String.join(", ", methods));
    }

    /** The path under the application's root path, as the router matches it. */
    private static String local(Routes current, String path) {
        String prefix = current.deployment().getPrefix();
        return prefix != null && !prefix.isEmpty() && !prefix.equals("/") && path.startsWith(prefix) ? path.substring(prefix.length()) : path;
    }

    private static Routes current() {
        Deployment deployment = ResteasyReactiveRecorder.getCurrentDeployment();
        if (deployment == null) {
            return null;
        }
        Routes known = routes;
        if (known == null || known.deployment() != deployment) { // a dev-mode restart makes a new deployment
            known = new Routes(deployment, new RequestMapper<>(deployment.getClassMappers()));
            routes = known;
        }
        return known;
    }

    private AllowedMethods() {
    }
}
