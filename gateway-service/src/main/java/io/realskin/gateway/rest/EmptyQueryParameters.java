package io.realskin.gateway.rest;

import io.realskin.gateway.problems.Problems;
import io.realskin.support.problem.ProblemException;
import io.realskin.support.problem.ProblemMappers;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A query parameter a route reads, given with an empty value ({@code ?intensity=}, {@code ?limit=},
 * {@code ?state=}), is a 400 naming it, as any other value the parameter does not take: JAX-RS hands a route an
 * empty value as absent, so it ran with the parameter's default (a preview at 40, the first page, every key) while the
 * client had sent something else. Leaving the parameter out still means its default. Checked after the key and scope,
 * before the route runs or its body is read.
 */
public class EmptyQueryParameters {
    private final Map<Method, List<String>> read = new ConcurrentHashMap<>();

    @ServerRequestFilter(priority = Priorities.USER)
    public Response refuseEmptyValues(ContainerRequestContext request, ResourceInfo resource) {
        Method method = resource.getResourceMethod();
        if (method == null) {
            return null;
        }
        ProblemException refused = refusal(read.computeIfAbsent(method, EmptyQueryParameters::queryParameters),
                request.getUriInfo().getQueryParameters());
        return refused == null ? null : ProblemMappers.respond(refused, request.getUriInfo());
    }

    /** The refusal of the first of {@code names} that {@code query} gives with an empty value, or null. */
    static ProblemException refusal(List<String> names, MultivaluedMap<String, String> query) {
        for (String name : names) {
            List<String> values = query.get(name);
            if (values != null && values.stream().anyMatch(String::isEmpty)) {
                return Problems.invalidField(name, "query parameter " + name + " is empty: give it a value, or leave it out for its default");
            }
        }
        return null;
    }

    /** The names of the query parameters {@code method} reads, in its order. */
    static List<String> queryParameters(Method method) {
        List<String> names = new ArrayList<>();
        for (Parameter parameter : method.getParameters()) {
            QueryParam query = parameter.getAnnotation(QueryParam.class);
            if (query != null) {
                names.add(query.value());
            }
        }
        return List.copyOf(names);
    }
}
