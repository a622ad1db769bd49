package io.realskin.support.problem;

/**
 * Every problem type a RealSkin service answers, in one list, so that no slug means two things and docs/api.md can be
 * held to it ({@code ProblemTypesDocumentedTest}). The gateway passes a backend's 4xx problem on to its caller, so each of
 * them can reach a partner. Each service keeps its own factories beside its code (gateway {@code problems/Problems},
 * billing {@code BillingProblems}, prompt-service {@code PromptProblems}, texture-service {@code TextureProblems}). One
 * line a type, read as a table.
 */
public final class ProblemTypes {
    // Answered by more than one service.

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

    // The gateway's (docs/api.md, "Problems").

    public static final ProblemType INSUFFICIENT_SCOPE = new ProblemType("insufficient-scope", 403, "The API key lacks a scope");
    public static final ProblemType NO_BILLING_ACCOUNT = new ProblemType("no-billing-account", 404, "No billing account");
    public static final ProblemType WEBHOOK_URL_REFUSED = new ProblemType("webhook-url-refused", 400, "Webhook URL not allowed");
    public static final ProblemType RATE_LIMITED = new ProblemType("rate-limited", 429, "Too many requests");
    public static final ProblemType TOO_MANY_STREAMS = new ProblemType("too-many-streams", 429, "Too many open event streams");
    public static final ProblemType TOO_MANY_JOBS = new ProblemType("too-many-jobs", 429, "Too many unfinished jobs");
    public static final ProblemType TOO_MANY_TRANSFERS = new ProblemType("too-many-transfers", 429, "Too many uploads and downloads in progress");
    public static final ProblemType TOO_MANY_PROMPT_CALLS = new ProblemType("too-many-prompt-calls", 429, "Too many prompt-service calls in progress");
    /** A tenant's webhook host lookups (DNS) in progress on a gateway replica at their bound (Retry-After: 1). */
    public static final ProblemType TOO_MANY_WEBHOOK_LOOKUPS = new ProblemType("too-many-webhook-lookups", 429, "Too many webhook host lookups in progress");
    public static final ProblemType TOO_MANY_PROFILE_MEASUREMENTS = new ProblemType("too-many-profile-measurements", 429, "Too many texture profile measurements this minute");
    public static final ProblemType REQUEST_TIMEOUT = new ProblemType("request-timeout", 408, "The request body arrived too slowly");
    public static final ProblemType SERVER_BUSY = new ProblemType("server-busy", 503, "The server is busy");
    public static final ProblemType PREVIEW_IN_PROGRESS = new ProblemType("preview-in-progress", 429, "A preview is already being made");
    public static final ProblemType PROFILE_IN_PROGRESS = new ProblemType("profile-in-progress", 429, "A texture profile is already being measured");
    public static final ProblemType IDEMPOTENCY_KEY_REUSED = new ProblemType("idempotency-key-reused", 422, "Idempotency-Key used with another request");
    public static final ProblemType IDEMPOTENCY_SECRET_NOT_REPLAYABLE = new ProblemType("idempotency-secret-not-replayable", 409, "The first answer held a secret");
    public static final ProblemType IDEMPOTENCY_IN_PROGRESS = new ProblemType("idempotency-in-progress", 409, "The first request with this key is still running");
    public static final ProblemType JOB_FINISHED = new ProblemType("job-finished", 409, "The job has already ended");
    public static final ProblemType STORAGE_QUOTA_EXCEEDED = new ProblemType("storage-quota-exceeded", 409, "The tenant's storage quota is used up");
    public static final ProblemType IMAGE_IN_USE = new ProblemType("image-in-use", 409, "An unfinished job needs the image");
    public static final ProblemType MODEL_UNAVAILABLE = new ProblemType("model-unavailable", 409, "The model's provider is not configured on this deployment");
    public static final ProblemType GRANT_EXCEEDS_KEY = new ProblemType("grant-exceeds-key", 403, "A new key may not exceed the key that creates it");
    public static final ProblemType TENANT_SUSPENDED = new ProblemType("tenant-suspended", 403, "The tenant is suspended");
    public static final ProblemType TENANT_NOT_SUSPENDABLE = new ProblemType("tenant-not-suspendable", 409, "The administrators' tenant cannot be suspended");
    /** DELETE /v1/admin/tenants/{id} of the administrators' tenant. */
    public static final ProblemType TENANT_NOT_ERASABLE = new ProblemType("tenant-not-erasable", 409, "The administrators' tenant cannot be erased");
    /** DELETE /v1/admin/tenants/{id} of a tenant that is not suspended: suspending it is the deliberate first step. */
    public static final ProblemType TENANT_NOT_SUSPENDED = new ProblemType("tenant-not-suspended", 409, "The tenant is not suspended");
    /** DELETE /v1/admin/tenants/{id} of a tenant with queued or running jobs: an operator cancels them first. */
    public static final ProblemType TENANT_HAS_UNFINISHED_JOBS = new ProblemType("tenant-has-unfinished-jobs", 409, "The tenant has queued or running jobs");
    /** A change to a tenant that is being erased or has been (resuming it, a new key for it). */
    public static final ProblemType TENANT_ERASED = new ProblemType("tenant-erased", 409, "The tenant is being erased or has been erased");
    public static final ProblemType TOO_MANY_KEYS = new ProblemType("too-many-keys", 409, "The tenant has as many active API keys as it may");
    public static final ProblemType TOO_MANY_KEY_CREATIONS = new ProblemType("too-many-key-creations", 429, "The tenant has created as many API keys as it may for now");
    public static final ProblemType TOO_MANY_WEBHOOK_SECRETS = new ProblemType("too-many-webhook-secrets", 429, "The tenant has as many webhook signing secrets as it may for now");
    public static final ProblemType TOO_MANY_PROFILES = new ProblemType("too-many-profiles", 409, "The tenant has as many texture profiles as it may");
    public static final ProblemType PROFILE_IN_USE = new ProblemType("profile-in-use", 409, "An unfinished job needs the texture profile");
    /** A job's mask painting less than the least area whose rework shows (a 32 x 32 px patch), before any hold. */
    public static final ProblemType MASK_TOO_SMALL = new ProblemType("mask-too-small", 422, "The mask is too small");

    // prompt-service's (docs/prompt-service.md).

    public static final ProblemType PROMPT_EMPTY = new ProblemType("prompt-empty", 400, "Prompt is empty");
    public static final ProblemType PROMPT_TOO_LONG = new ProblemType("prompt-too-long", 400, "Prompt is too long");
    public static final ProblemType UNKNOWN_VALUE = new ProblemType("unknown-value", 400, "Unknown value");
    public static final ProblemType MISSING_FIELD = new ProblemType("missing-field", 400, "Required field missing");
    public static final ProblemType NO_MATCHING_MODEL = new ProblemType("no-matching-model", 422, "No model meets these needs on this plan");

    // billing-service's (docs/billing.md).

    /** The service token is for another tenant than the one the request names (path or body). */
    public static final ProblemType TENANT_MISMATCH = new ProblemType("tenant-mismatch", 403, "Another tenant's account");
    /** Grants, purchases, adjustments, refunds, plan and referrer changes, reconciliation: scope admin only. */
    public static final ProblemType ADMIN_SCOPE_REQUIRED = new ProblemType("admin-scope-required", 403, "Admin operation");
    public static final ProblemType CONFLICT = new ProblemType("conflict", 409, "Conflict");
    /** A booking (a hold, a grant, a plan change...) for an account closed when its tenant was erased. */
    public static final ProblemType ACCOUNT_CLOSED = new ProblemType("account-closed", 409, "The account is closed");

    // texture-service's (docs/operations.md).

    /**
     * Every slot of a texture-service replica for the call (previews and analyses, or thumbnails) is in use
     * (Retry-After: 1); the gateway answers its callers 503 backend-unavailable with that Retry-After.
     */
    public static final ProblemType BUSY = new ProblemType("busy", 503, "Every slot is busy");
    /** A texture profile's reference photo shows no face with measurable skin (passed on by the gateway). */
    public static final ProblemType REFERENCE_WITHOUT_FACE = new ProblemType("reference-without-face", 422,
            "The reference shows no face with measurable skin");

    private ProblemTypes() {
    }
}
