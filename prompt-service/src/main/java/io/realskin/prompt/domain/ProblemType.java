package io.realskin.prompt.domain;

/**
 * Every error this service answers, each with a stable RFC 9457 {@code type} URI. Clients switch on the
 * URI, never on the title or detail text.
 */
public enum ProblemType {
    PROMPT_EMPTY("prompt-empty", 400, "Prompt is empty"),
    PROMPT_TOO_LONG("prompt-too-long", 400, "Prompt is too long"),
    UNKNOWN_VALUE("unknown-value", 400, "Unknown value"),
    MISSING_FIELD("missing-field", 400, "Required field missing"),
    MALFORMED_BODY("malformed-body", 400, "Request body is not valid JSON for this operation"),
    NO_MATCHING_MODEL("no-matching-model", 422, "No model meets these needs on this plan"),
    NOT_FOUND("not-found", 404, "Not found"),
    METHOD_NOT_ALLOWED("method-not-allowed", 405, "Method not allowed"),
    NOT_ACCEPTABLE("not-acceptable", 406, "Not acceptable"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", 415, "Unsupported media type"),
    BAD_REQUEST("bad-request", 400, "Bad request"),
    INTERNAL("internal", 500, "Internal error");

    /** Base of every problem type URI; the documentation of each type lives at that address. */
    public static final String BASE_URI = "https://realskin.io/problems/";

    private final String slug;
    private final int status;
    private final String title;

    ProblemType(String slug, int status, String title) {
        this.slug = slug;
        this.status = status;
        this.title = title;
    }

    public String uri() {
        return BASE_URI + slug;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }
}
