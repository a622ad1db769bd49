package io.realskin.support.problem;

import io.realskin.support.routes.RestRoutes;
import io.realskin.support.routes.RestRoutes.ClassMatch;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The methods a path takes, for the {@code Allow} header a 405 must carry (RFC 9110, 15.5.6). The REST router's 405
 * comes without it, so the path is matched again by the router's own matchers ({@link RestRoutes}): the resource
 * classes whose path it falls under, then each class's methods whose path takes the rest.
 */
final class AllowedMethods {
    /**
     * Whether the path falls under a resource class's path (whether or not a method of it takes the rest): the framework
     * answers an OPTIONS there itself, with the methods of the whole class. False outside a running application.
     */
    static boolean underAResource(String path) {
        return !RestRoutes.under(path).isEmpty();
    }

    /** Sorted and comma separated; empty when no resource takes the path (or outside a running application). */
    static Optional<String> of(String path) {
        Set<String> methods = new TreeSet<>();
        for (ClassMatch match : RestRoutes.under(path)) {
            match.methods().keySet().stream().filter(method -> method != null && match.takes(method)).forEach(methods::add);
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

    private AllowedMethods() {
    }
}
