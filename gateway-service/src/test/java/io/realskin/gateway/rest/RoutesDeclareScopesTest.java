package io.realskin.gateway.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import io.quarkus.vertx.http.Uncompressed;
import io.realskin.gateway.auth.RequiresScope;
import io.realskin.contracts.ApiKeys;
import io.realskin.gateway.idempotency.HoldsSecret;
import io.realskin.gateway.webhooks.WebhookSigner;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.junit.jupiter.api.Test;

/**
 * Every /v1 route declares its scope, which the auth filter checks before the route runs (a replay included); every one
 * whose answer creates a secret is never compressed.
 */
class RoutesDeclareScopesTest {
    /** How a new API key or webhook signing secret starts, in a documented example. */
    private static final Pattern SECRET = Pattern.compile(Pattern.quote(ApiKeys.LIVE_PREFIX) + "|" + Pattern.quote(ApiKeys.TEST_PREFIX)
            + "|" + Pattern.quote(WebhookSigner.SECRET_PREFIX));

    @Test
    void everyV1RouteDeclaresItsScope() throws Exception {
        List<String> routes = new ArrayList<>();
        List<String> undeclared = new ArrayList<>();
        for (Class<?> resource : resourceClasses()) {
            Path path = resource.getAnnotation(Path.class);
            if (path == null || !path.value().startsWith("/v1")) {
                continue;
            }
            for (Method method : resource.getDeclaredMethods()) {
                if (Stream.of(GET.class, POST.class, PUT.class, DELETE.class, PATCH.class).noneMatch(method::isAnnotationPresent)) {
                    continue;
                }
                routes.add(resource.getSimpleName() + "." + method.getName());
                if (!method.isAnnotationPresent(RequiresScope.class)) {
                    undeclared.add(resource.getSimpleName() + "." + method.getName());
                }
            }
        }
        assertTrue(routes.size() >= 20, "found the routes: " + routes);
        assertEquals(List.of(), undeclared, "routes without @RequiresScope (they would need admin)");
    }

    /**
     * A route whose documented 201 example holds a secret (a new API key, a webhook signing secret) documents an answer
     * that {@link HoldsSecret}, which the idempotency store never keeps, and is @Uncompressed: compressed beside text the
     * caller chose, its length would leak the secret (BREACH; docs/security.md). A new such route without both fails here.
     */
    @Test
    void everyRouteThatAnswersASecretIsUncompressedAndItsAnswerWithheld() throws Exception {
        List<String> answering = new ArrayList<>();
        List<String> unmarked = new ArrayList<>();
        for (Class<?> resource : resourceClasses()) {
            if (resource.getAnnotation(Path.class) == null) {
                continue;
            }
            for (Method method : resource.getDeclaredMethods()) {
                List<Content> created = Stream.of(method.getAnnotationsByType(APIResponse.class))
                        .filter(r -> r.responseCode().equals("201")).flatMap(r -> Stream.of(r.content())).toList();
                if (created.stream().flatMap(c -> Stream.of(c.examples())).noneMatch(e -> SECRET.matcher(e.value()).find())) {
                    continue;
                }
                String route = resource.getSimpleName() + "." + method.getName();
                answering.add(route);
                if (!method.isAnnotationPresent(Uncompressed.class)) {
                    unmarked.add(route + " without @Uncompressed");
                }
                if (created.stream().noneMatch(c -> HoldsSecret.class.isAssignableFrom(c.schema().implementation()))) {
                    unmarked.add(route + " without a 201 schema that HoldsSecret");
                }
            }
        }
        assertEquals(3, answering.size(), "found the routes that create a key or a signing secret: " + answering);
        assertEquals(List.of(), unmarked, "routes answering a secret");
    }

    /** Every top-level class of the gateway, in whichever feature package it lives. */
    private static List<Class<?>> resourceClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        java.nio.file.Path root = Paths.get(RequiresScope.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> classes = new ArrayList<>();
        try (Stream<java.nio.file.Path> files = Files.walk(root.resolve("io/realskin/gateway"))) {
            for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".class") && !f.getFileName().toString().contains("$")).toList()) {
                String name = root.relativize(file).toString().replace(java.io.File.separatorChar, '.');
                classes.add(Class.forName(name.substring(0, name.length() - ".class".length()), false, RequiresScope.class.getClassLoader()));
            }
        }
        return classes;
    }
}
