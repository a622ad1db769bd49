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

    public static ProblemException requestTooLarge(long length, long maxBytes) {
        return new ProblemException(Problem.of("request-too-large", "Request body too large", 413,
                "the body is " + length + " bytes; at most " + maxBytes + " are read"));
    }

    public static ProblemException insufficientCredits(long shortfall, long required, long available) {
        return new ProblemException(Problem.of("insufficient-credits", "Not enough credits", 402,
                "this job needs " + required + " credits, " + available + " are available")
                .with("shortfall", shortfall).with("required", required).with("available", available));
    }

    public static ProblemException noAccount() {
        return new ProblemException(Problem.of("no-billing-account", "No billing account", 404,
                "billing has no account for this tenant; an administrator opens it with POST /v1/admin/tenants"));
    }

    public static ProblemException planExcludes(String detail) {
        return new ProblemException(Problem.of("plan-excludes", "Not included in your plan", 403, detail));
    }

    public static ProblemException unavailable(String backend) {
        return new ProblemException(Problem.of("backend-unavailable", "A backend service is unavailable", 503,
                backend + " did not answer; try again shortly").with("backend", backend), java.util.Map.of("Retry-After", "5"));
    }

    public static ProblemException rateLimited(long retryAfterSeconds, java.util.Map<String, String> headers) {
        return new ProblemException(Problem.of("rate-limited", "Too many requests", 429,
                "this API key's rate limit is used up; retry in " + retryAfterSeconds + " s")
                .with("retryAfter", retryAfterSeconds), headers);
    }

    public static ProblemException tooManyStreams(int max) {
        return new ProblemException(Problem.of("too-many-streams", "Too many open event streams", 429,
                "this API key has " + max + " event streams open on this server; close one, or follow jobs with webhooks")
                .with("maxStreams", max), java.util.Map.of("Retry-After", "5"));
    }

    /** An address that keeps failing authentication: answered before any key is looked up. */
    public static ProblemException tooManyFailedAuthentications(long retryAfterSeconds) {
        return new ProblemException(Problem.of("rate-limited", "Too many requests", 429,
                "too many requests without a valid API key from this address; retry in " + retryAfterSeconds + " s")
                .with("retryAfter", retryAfterSeconds), java.util.Map.of("Retry-After", String.valueOf(retryAfterSeconds)));
    }

    public static ProblemException tooManyJobs(String plan, int limit) {
        return new ProblemException(Problem.of("too-many-jobs", "Too many unfinished jobs", 429,
                "the " + plan + " plan allows " + limit + " queued or running jobs at once; submit again when one has ended")
                .with("limit", limit), java.util.Map.of("Retry-After", "5"));
    }

    public static ProblemException previewInProgress() {
        return new ProblemException(Problem.of("preview-in-progress", "A preview is already being made", 429,
                "this API key has a preview in progress; send the next one when it has been answered"),
                java.util.Map.of("Retry-After", "1"));
    }

    public static ProblemException idempotencyKeyOfAnotherApiKey() {
        return new ProblemException(Problem.of("idempotency-key-reused", "Idempotency-Key used with another request", 422,
                "this Idempotency-Key was first used by another API key; each key's requests need their own Idempotency-Keys"));
    }

    public static ProblemException idempotencySecretNotReplayable() {
        return new ProblemException(Problem.of("idempotency-secret-not-replayable", "The first answer held a secret", 409,
                "the request with this Idempotency-Key succeeded, but its answer held a secret that is shown once and never "
                        + "stored; look the object up (GET /v1/api-keys, GET /v1/webhooks) or create a new one with a new key"));
    }

    public static ProblemException idempotencyKeyReused() {
        return new ProblemException(Problem.of("idempotency-key-reused", "Idempotency-Key used with another request", 422,
                "this Idempotency-Key was first used with a different request; use a new key for a new request"));
    }

    public static ProblemException idempotencyInProgress() {
        return new ProblemException(Problem.of("idempotency-in-progress", "The first request with this key is still running", 409,
                "a request with this Idempotency-Key is being processed; retry after it ends"), java.util.Map.of("Retry-After", "1"));
    }

    public static ProblemException invalidIdempotencyKey() {
        return new ProblemException(Problem.of("invalid-request", "The request is not valid", 400,
                "Idempotency-Key must be 1 to 255 visible ASCII characters"));
    }

    public static ProblemException jobFinished(String jobId, String status) {
        return new ProblemException(Problem.of("job-finished", "The job has already ended", 409,
                "job " + jobId + " is " + status + " and can no longer be canceled").with("jobStatus", status));
    }

    public static ProblemException webhookUrlRefused(String detail) {
        return new ProblemException(Problem.of("webhook-url-refused", "Webhook URL not allowed", 400, detail));
    }

    private Problems() {
    }
}
