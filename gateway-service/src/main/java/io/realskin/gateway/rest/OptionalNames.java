package io.realskin.gateway.rest;

/**
 * A name a body may leave out (an API key's, a texture profile's): one that is empty or only whitespace names nothing,
 * so it is kept as no name (null, as when absent), never stored as a blank a list shows as nothing.
 */
public final class OptionalNames {
    /** The OpenAPI description of such a name. */
    public static final String DOC = "Optional, at most 100 characters, one line; empty or only whitespace is no name (null)";

    public static String orAbsent(String name) {
        return name == null || name.isBlank() ? null : name;
    }

    private OptionalNames() {
    }
}
