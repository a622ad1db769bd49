package io.realskin.gateway.rest;

import io.realskin.contracts.Identifiers;
import io.realskin.gateway.problems.Problems;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Path and query parameters, checked before they reach SQL or a backend: ids follow {@link Identifiers}' grammar (a
 * path id that cannot exist is 404, a query filter that cannot match is 400), a page size is a number in range (400,
 * where JAX-RS would answer an unparsable number with 404).
 */
public final class Params {
    public static String pathId(String what, String id) {
        if (!Identifiers.isId(id)) {
            throw Problems.notFound(what, "with this id");
        }
        return id;
    }

    /** Null when absent. */
    public static String queryId(String name, String value) {
        if (value != null && !Identifiers.isId(value)) {
            throw Problems.invalidField(name, name + " " + Identifiers.ID_MESSAGE);
        }
        return value;
    }

    /** The OpenAPI description of a page's {@code limit} (a whole number outside its range is 400 invalid-request). */
    public static final String LIMIT_DOC = "Items on the page, at most the maximum (realskin.jobs.max-page-size, 100); a value that "
            + "is no whole number in range is 400 invalid-request";

    public static int pageSize(String limit, int defaultSize, int max) {
        if (limit == null) {
            return defaultSize;
        }
        int size;
        try {
            size = Integer.parseInt(limit.trim());
        } catch (NumberFormatException e) {
            size = 0;
        }
        if (size < 1 || size > max) {
            throw Problems.invalidField("limit", "limit must be a whole number between 1 and " + max);
        }
        return size;
    }

    /**
     * A query filter naming one of the constants of {@code absent}'s enum, in lower case: absent is {@code absent};
     * anything else 400, naming the values (a typo never means the default).
     */
    public static <E extends Enum<E>> E choice(String name, String value, E absent) {
        if (value == null) {
            return absent;
        }
        E[] values = absent.getDeclaringClass().getEnumConstants();
        for (E candidate : values) {
            if (wire(candidate).equals(value)) {
                return candidate;
            }
        }
        throw Problems.invalidField(name, name + " must be one of " + Arrays.stream(values).map(Params::wire).collect(Collectors.joining(", ")));
    }

    private static String wire(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    /** A query flag: absent or {@code false} is false, {@code true} true; anything else 400 (a typo never means false). */
    public static boolean flag(String name, String value) {
        if (value == null || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw Problems.invalidField(name, name + " must be true or false");
    }

    private Params() {
    }
}
