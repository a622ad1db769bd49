package io.realskin.gateway.rest;

import jakarta.ws.rs.Produces;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;

/** The media types a resource method answers: its own {@code @Produces}, else its class's; empty when neither says. */
final class ProducedTypes {
    static List<String> of(Method method, Class<?> resource) {
        Produces produces = method.isAnnotationPresent(Produces.class) ? method.getAnnotation(Produces.class)
                : resource.getAnnotation(Produces.class);
        return produces == null ? List.of()
                : Arrays.stream(produces.value()).flatMap(value -> Arrays.stream(value.split(","))).map(String::trim).toList();
    }

    private ProducedTypes() {
    }
}
