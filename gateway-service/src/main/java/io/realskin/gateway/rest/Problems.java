package io.realskin.gateway.rest;

/** The gateway's problems, one stable type each (documented in docs/api.md). */
public final class Problems {
    public static ProblemException unauthorized(String detail) {
        return new ProblemException(Problem.of("unauthorized", "Missing or invalid API key", 401, detail),
                java.util.Map.of("WWW-Authenticate", "Bearer realm=\"realskin\""));
    }

    public static ProblemException forbidden(String scope) {
        return new ProblemException(Problem.of("insufficient-scope", "The API key lacks a scope", 403,
                "this call needs the scope " + scope).with("requiredScope", scope));
    }

    public static ProblemException notFound(String what, String id) {
        return new ProblemException(Problem.of("not-found", "Not found", 404, what + " " + id + " does not exist"));
    }

    public static ProblemException invalid(String detail) {
        return new ProblemException(Problem.of("invalid-request", "The request is not valid", 400, detail));
    }

    public static ProblemException unsupportedImage(String detail) {
        return new ProblemException(Problem.of("unsupported-image", "Not a supported image", 415, detail));
    }

    public static ProblemException imageTooLarge(String detail) {
        return new ProblemException(Problem.of("image-too-large", "Image too large", 413, detail));
    }

    public static ProblemException insufficientCredits(long shortfall) {
        return new ProblemException(Problem.of("insufficient-credits", "Not enough credits", 402,
                "this job needs " + shortfall + " more credits").with("shortfall", shortfall));
    }

    public static ProblemException planExcludes(String detail) {
        return new ProblemException(Problem.of("plan-excludes", "Not included in your plan", 403, detail));
    }

    public static ProblemException unavailable(String backend) {
        return new ProblemException(Problem.of("backend-unavailable", "A backend service is unavailable", 503,
                backend + " did not answer; try again shortly"), java.util.Map.of("Retry-After", "5"));
    }

    private Problems() {
    }
}
