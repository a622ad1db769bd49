package io.realskin.support.problem;

/**
 * A kind of error with its stable RFC 9457 {@code type} URI ({@value #BASE} + slug), HTTP status and title. Clients
 * switch on the URI, never on the title or detail. Every service's types are {@link ProblemTypes}; a type made here
 * otherwise is an HTTP status the shared mappers answer ({@code http-NNN}).
 */
public record ProblemType(String slug, int status, String title) {
    public static final String BASE = "https://realskin.io/problems/";

    public String uri() {
        return BASE + slug;
    }
}
