package io.realskin.gateway.rest;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Singleton;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The routes answered by several resource methods told apart by their {@code @Produces} alone (a job's events: the
 * stream or the JSON page), found once among the resource classes, with the types their methods answer in the server's
 * order ({@code qs} first, as the framework sorts them).
 */
@Singleton
public class NegotiatedRoutes {
    private static final Pattern PARAMETER = Pattern.compile("\\{\\s*[\\w.-]+\\s*(?::\\s*([^}]+))?}");

    private record Route(String httpMethod, Pattern path, List<String> produced) {
    }

    private final List<Route> routes;

    public NegotiatedRoutes(BeanManager beans) {
        Map<String, List<String>> producedByRoute = new LinkedHashMap<>();
        Map<String, Integer> methodsByRoute = new LinkedHashMap<>();
        for (Bean<?> bean : beans.getBeans(Object.class, Any.Literal.INSTANCE)) {
            Class<?> resource = bean.getBeanClass();
            Path base = resource.getAnnotation(Path.class);
            if (base == null || resource.isInterface()) { // an interface with @Path is a REST client's
                continue;
            }
            for (Method method : resource.getMethods()) {
                String httpMethod = httpMethod(method);
                List<String> produced = ProducedTypes.of(method, resource);
                if (httpMethod == null || produced.isEmpty()) {
                    continue;
                }
                Path path = method.getAnnotation(Path.class);
                String template = join(base.value(), path == null ? "" : path.value());
                String route = httpMethod + " " + template;
                methodsByRoute.merge(route, 1, Integer::sum);
                producedByRoute.computeIfAbsent(route, k -> new ArrayList<>()).addAll(produced);
            }
        }
        List<Route> found = new ArrayList<>();
        producedByRoute.forEach((route, types) -> {
            if (methodsByRoute.get(route) > 1) {
                String[] parts = route.split(" ", 2);
                List<String> ordered = new ArrayList<>(types);
                ordered.sort(Comparator.comparingDouble(NegotiatedRoutes::qs).reversed());
                found.add(new Route(parts[0], pattern(parts[1]), List.copyOf(ordered)));
            }
        });
        this.routes = List.copyOf(found);
    }

    /** The types the methods of the route of {@code path} answer, when there are several; empty otherwise. */
    public Optional<List<String>> producedAt(String httpMethod, String path) {
        for (Route route : routes) {
            if (route.httpMethod().equals(httpMethod) && route.path().matcher(path).matches()) {
                return Optional.of(route.produced());
            }
        }
        return Optional.empty();
    }

    private static String httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }

    private static String join(String base, String sub) {
        String path = "/" + strip(base) + (strip(sub).isEmpty() ? "" : "/" + strip(sub));
        return path.equals("/") ? path : path.replaceAll("/+$", "");
    }

    private static String strip(String segment) {
        return segment.replaceAll("^/+|/+$", "");
    }

    /** The template's literal parts as they are, each parameter as its regex (one segment when it names none); a trailing slash matches too. */
    private static Pattern pattern(String template) {
        StringBuilder regex = new StringBuilder();
        Matcher parameter = PARAMETER.matcher(template);
        int at = 0;
        while (parameter.find()) {
            regex.append(Pattern.quote(template.substring(at, parameter.start())));
            regex.append('(').append(parameter.group(1) == null ? "[^/]+" : parameter.group(1).trim()).append(')');
            at = parameter.end();
        }
        regex.append(Pattern.quote(template.substring(at))).append("/?");
        return Pattern.compile(regex.toString());
    }

    private static double qs(String type) {
        for (String parameter : type.split(";")) {
            String[] pair = parameter.split("=", 2);
            if (pair.length == 2 && pair[0].trim().equalsIgnoreCase("qs")) {
                try {
                    return Double.parseDouble(pair[1].trim());
                } catch (NumberFormatException e) {
                    return 1;
                }
            }
        }
        return 1;
    }
}
