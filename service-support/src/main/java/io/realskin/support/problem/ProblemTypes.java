package io.realskin.support.problem;

/** The problem types more than one service answers (docs/api.md lists them with each service's own). */
public final class ProblemTypes {
    /** The one 400 for input a service cannot read or accept: wrong JSON, a constraint, a parameter out of range. */
    public static final ProblemType INVALID_REQUEST = new ProblemType("invalid-request", 400, "The request is not valid");
    /** No valid credentials: an API key at the gateway, the gateway's service token at a backend; the detail says which. */
    public static final ProblemType UNAUTHORIZED = new ProblemType("unauthorized", 401, "Missing or invalid credentials");
    public static final ProblemType NOT_FOUND = new ProblemType("not-found", 404, "Not found");
    public static final ProblemType METHOD_NOT_ALLOWED = new ProblemType("method-not-allowed", 405, "Method Not Allowed");
    public static final ProblemType NOT_ACCEPTABLE = new ProblemType("not-acceptable", 406, "Not Acceptable");
    public static final ProblemType REQUEST_TOO_LARGE = new ProblemType("request-too-large", 413, "Request body too large");
    public static final ProblemType UNSUPPORTED_MEDIA_TYPE = new ProblemType("unsupported-media-type", 415, "Unsupported Media Type");
    /** An image over the byte, pixel or decoded-size limit, found from its header (gateway uploads, previews). */
    public static final ProblemType IMAGE_TOO_LARGE = new ProblemType("image-too-large", 413, "Image too large");
    public static final ProblemType UNSUPPORTED_IMAGE = new ProblemType("unsupported-image", 415, "Not a supported image");
    /** Billing's answer to a hold, passed on by the gateway. */
    public static final ProblemType INSUFFICIENT_CREDITS = new ProblemType("insufficient-credits", 402, "Not enough credits");
    public static final ProblemType PLAN_EXCLUDES = new ProblemType("plan-excludes", 403, "Not included in your plan");
    /** A backend (a service, the blob store, the database) did not answer; always with {@code backend} and Retry-After. */
    public static final ProblemType BACKEND_UNAVAILABLE = new ProblemType("backend-unavailable", 503, "A backend service is unavailable");
    /** A bug: logged with its stack trace, answered without it. */
    public static final ProblemType INTERNAL = new ProblemType("internal", 500, "Internal error");

    private ProblemTypes() {
    }
}
