package io.realskin.support.problem;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.MatrixParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.lang.annotation.Annotation;
import java.lang.reflect.Parameter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.RestCookie;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestMatrix;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Bean Validation's refusal of a request as an {@code invalid-request} problem naming the field in {@code field}, as
 * {@link UnreadableJson} names one: a body's property path ({@code texturePass.intensity},
 * {@code referenceImages[0].weight}) without the Java method and parameter Hibernate Validator puts first
 * ({@code create.submission.}, {@code arg0} without {@code -parameters}), a query, path, header, cookie, form or matrix
 * parameter by the name it is sent under. When several fields fail, {@code field} is the first of them in sorted order
 * and {@code fields} lists them all (sorted); the detail gives each with its message, sorted.
 */
final class InvalidValues {
    private static final Set<Class<? extends Annotation>> SENT_AS = Set.of(QueryParam.class, PathParam.class, HeaderParam.class,
            CookieParam.class, FormParam.class, MatrixParam.class, RestQuery.class, RestPath.class, RestHeader.class, RestCookie.class,
            RestForm.class, RestMatrix.class);

    private InvalidValues() {
    }

    static Problem problem(Set<? extends ConstraintViolation<?>> violations) {
        List<String[]> named = violations.stream().map(v -> new String[] {path(v), v.getMessage()}).toList();
        String detail = named.stream().map(n -> (n[0].isEmpty() ? "the body" : n[0]) + ": " + n[1]).sorted().distinct()
                .collect(Collectors.joining("; "));
        return InvalidRequest.naming(detail, named.stream().map(n -> n[0]).filter(f -> !f.isEmpty()).toList());
    }

    /** Where the violation is, in the client's words; empty for the body itself. */
    static String path(ConstraintViolation<?> violation) {
        StringBuilder path = new StringBuilder();
        Path.MethodNode method = null;
        for (Path.Node node : violation.getPropertyPath()) {
            ElementKind kind = node.getKind();
            if (kind == ElementKind.METHOD) {
                method = node.as(Path.MethodNode.class);
            } else if (kind == ElementKind.PARAMETER) { // the body's path starts below it; a request parameter is its name
                path.append(method == null ? "" : sentName(violation.getRootBeanClass(), method,
                        node.as(Path.ParameterNode.class).getParameterIndex()));
            } else if (kind == ElementKind.PROPERTY || kind == ElementKind.CONTAINER_ELEMENT || kind == ElementKind.BEAN) {
                if (node.isInIterable() && (node.getIndex() != null || node.getKey() != null)) {
                    path.append('[').append(node.getIndex() != null ? node.getIndex() : node.getKey()).append(']');
                }
                if (kind == ElementKind.PROPERTY) { // a container element ("<list element>") and a bean have no name of their own
                    path.append(path.length() == 0 ? "" : ".").append(node.getName());
                }
            } // a constructor, the return value and cross-parameter checks name no field of the request
        }
        return path.toString();
    }

    /** The name the method's parameter {@code index} is sent under, or "" for the body (it has no parameter annotation). */
    private static String sentName(Class<?> resource, Path.MethodNode node, int index) {
        Deque<Class<?>> types = new ArrayDeque<>(List.of(resource)); // an interceptor's subclass overrides without annotations
        while (!types.isEmpty()) {
            Class<?> type = types.poll();
            try {
                Parameter parameter = type.getDeclaredMethod(node.getName(), node.getParameterTypes().toArray(Class<?>[]::new))
                        .getParameters()[index];
                for (Annotation annotation : parameter.getAnnotations()) {
                    if (SENT_AS.contains(annotation.annotationType())) {
                        String name = (String) annotation.annotationType().getMethod("value").invoke(annotation);
                        return name.isEmpty() ? parameter.getName() : name;
                    }
                }
            } catch (NoSuchMethodException notDeclaredHere) {
                // declared above
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            if (type.getSuperclass() != null) {
                types.add(type.getSuperclass());
            }
            types.addAll(List.of(type.getInterfaces()));
        }
        return "";
    }
}
