package io.realskin.gateway.problems;

import io.realskin.support.problem.InvalidRequest;
import io.realskin.support.problem.Problem;
import io.realskin.support.problem.ProblemException;
import io.realskin.support.problem.ProblemMappers;
import io.realskin.support.problem.ProblemTypes;
import java.util.List;
import java.util.Map;

/** The gateway's problems (docs/api.md), each of a type of service-support's {@link ProblemTypes}, with a gateway's detail. */
public final class Problems {
    public static ProblemException unauthorized(String detail) {
        return new ProblemException(Problem.of(ProblemTypes.UNAUTHORIZED, detail), Map.of("WWW-Authenticate", "Bearer realm=\"realskin\""));
    }

    public static ProblemException forbidden(String scope) {
        return Problem.of(ProblemTypes.INSUFFICIENT_SCOPE, "this call needs the scope " + scope).with("requiredScope", scope).exception();
    }

    public static ProblemException notFound(String what, String id) {
        return Problem.of(ProblemTypes.NOT_FOUND, what + " " + id + " does not exist").exception();
    }

    public static ProblemException invalid(String detail) {
        return Problem.of(ProblemTypes.INVALID_REQUEST, detail).exception();
    }

    /** As {@link #invalid(String)}, naming the JSON field or the query parameter to blame in {@code field}. */
    public static ProblemException invalidField(String field, String detail) {
        return InvalidRequest.naming(detail, List.of(field)).exception();
    }

    /**
     * As {@link #invalidField(String, String)} for fields at fault together ("give referenceImageId or profileId, not
     * both"): {@code field} the first of them in sorted order, {@code fields} all of them sorted, as Bean Validation's
     * refusal of several fields names them.
     */
    public static ProblemException invalidFields(String detail, String... fields) {
        return InvalidRequest.naming(detail, List.of(fields)).exception();
    }

    /** 400 invalid-request naming the field and, in {@code limitBytes}, the most the images may add up to. */
    public static ProblemException referencesTooLarge(String field, int count, long totalBytes, long limitBytes) {
        return InvalidRequest.naming("the " + count + " " + field + " add up to " + totalBytes + " bytes; a job takes at most "
                + limitBytes + " (" + limitBytes / (1024 * 1024) + " MiB) of reference images", List.of(field))
                .with("limitBytes", limitBytes).exception();
    }

    public static ProblemException unsupportedImage(String detail) {
        return Problem.of(ProblemTypes.UNSUPPORTED_IMAGE, detail).exception();
    }

    public static ProblemException imageTooLarge(String detail) {
        return Problem.of(ProblemTypes.IMAGE_TOO_LARGE, detail).exception();
    }

    public static ProblemException requestTooLarge(long length, long maxBytes) {
        return Problem.of(ProblemTypes.REQUEST_TOO_LARGE, "the body is " + length + " bytes; at most " + maxBytes + " are read").exception();
    }

    public static ProblemException noAccount() {
        return Problem.of(ProblemTypes.NO_BILLING_ACCOUNT, "billing has no account for this tenant; an administrator opens it with POST /v1/admin/tenants")
                .exception();
    }

    public static ProblemException unavailable(String backend) {
        return ProblemMappers.unavailable(backend);
    }

    /** As {@link #unavailable(String)}, with the wait the backend itself asked for instead of 5 s. */
    public static ProblemException unavailable(String backend, long retryAfterSeconds) {
        return new ProblemException(ProblemMappers.unavailable(backend).problem(), Map.of("Retry-After", String.valueOf(retryAfterSeconds)));
    }

    /** @param usedUp which limit ran out: "this API key's own limit of 3 requests per minute is used up" */
    public static ProblemException limitUsedUp(String usedUp, long retryAfterSeconds) {
        return rateLimited(usedUp + "; retry in " + retryAfterSeconds + " s", retryAfterSeconds);
    }

    /** @param holder who holds the streams: "this API key", or "your account" over all its keys */
    public static ProblemException tooManyStreams(String holder, int max) {
        return new ProblemException(Problem.of(ProblemTypes.TOO_MANY_STREAMS,
                holder + " has " + max + " event streams open on this server; close one, or follow jobs with webhooks")
                .with("maxStreams", max), Map.of("Retry-After", "5"));
    }

    /** An address that keeps failing authentication: answered before any key is looked up. */
    public static ProblemException tooManyFailedAuthentications(long retryAfterSeconds) {
        return rateLimited("too many requests without a valid API key from this address; retry in " + retryAfterSeconds + " s",
                retryAfterSeconds);
    }

    /** 429 rate-limited with {@code retryAfter} in the body and the Retry-After header. */
    private static ProblemException rateLimited(String detail, long retryAfterSeconds) {
        return new ProblemException(Problem.of(ProblemTypes.RATE_LIMITED, detail).with("retryAfter", retryAfterSeconds),
                Map.of("Retry-After", String.valueOf(retryAfterSeconds)));
    }

    public static ProblemException tooManyTransfers(long limitBytes) {
        return new ProblemException(Problem.of(ProblemTypes.TOO_MANY_TRANSFERS, "this tenant's uploads and downloads in progress on this "
                + "server would exceed " + limitBytes + " bytes; try again when one of them has ended").with("limitBytes", limitBytes),
                Map.of("Retry-After", "1"));
    }

    /** A body that announced no length (chunked), found longer than {@code maxBytes} as it was read. */
    public static ProblemException requestTooLarge(long maxBytes) {
        return Problem.of(ProblemTypes.REQUEST_TOO_LARGE, "the body is longer than " + maxBytes + " bytes, the most that are read").exception();
    }

    public static ProblemException requestTimeout(long bytes, long seconds) {
        return Problem.of(ProblemTypes.REQUEST_TIMEOUT, "the body of " + bytes + " bytes had " + seconds + " s to arrive and had not; send it again")
                .exception();
    }

    /** @param what what this replica holds as many of as it can: "uploads and downloads", "prompt-service calls" */
    public static ProblemException serverBusy(String what) {
        return new ProblemException(Problem.of(ProblemTypes.SERVER_BUSY, "this server holds as many " + what + " as it can; try again"),
                Map.of("Retry-After", "1"));
    }

    /**
     * A tenant's prompt-service calls in progress on this replica at their bound (backends/PromptCallSlots): its own type,
     * not rate-limited, whose RateLimit headers would show tokens left. {@code retryAfter} stays in the body, as when it was.
     */
    public static ProblemException tooManyPromptCalls(int max) {
        return new ProblemException(Problem.of(ProblemTypes.TOO_MANY_PROMPT_CALLS, "this tenant has " + max + " prompt-service "
                + "calls (prompts, models, advice) in progress on this server, the most it may; send the next when one has been answered")
                .with("limit", max).with("retryAfter", 1), Map.of("Retry-After", "1"));
    }

    /** A tenant's webhook host lookups in progress on this replica at their bound (webhooks/WebhookHostLookups). */
    public static ProblemException tooManyWebhookLookups(int max) {
        return new ProblemException(Problem.of(ProblemTypes.TOO_MANY_WEBHOOK_LOOKUPS, "this tenant has " + max + " webhook host "
                + "lookups (DNS) in progress on this server, the most it may; send the URL again when one has been answered")
                .with("limit", max).with("retryAfter", 1), Map.of("Retry-After", "1"));
    }

    public static ProblemException tooManyJobs(String plan, int limit) {
        return new ProblemException(Problem.of(ProblemTypes.TOO_MANY_JOBS,
                "the " + plan + " plan allows " + limit + " queued or running jobs at once; submit again when one has ended")
                .with("limit", limit), Map.of("Retry-After", "5"));
    }

    public static ProblemException previewInProgress() {
        return new ProblemException(Problem.of(ProblemTypes.PREVIEW_IN_PROGRESS,
                "this API key has a preview in progress; send the next one when it has been answered"), Map.of("Retry-After", "1"));
    }

    /**
     * A tenant's texture profile measurements for this minute are used up (made or refused by texture-service alike): its
     * own type, not rate-limited, the type of the request buckets, which still have tokens. Its RateLimit fields
     * ({@code policy}, {@code remaining}) describe the measurements in their place (AuthFilter keeps an answer's own).
     */
    public static ProblemException tooManyProfileMeasurements(int perMinute, long retryAfterSeconds, String policy, String remaining) {
        return new ProblemException(Problem.of(ProblemTypes.TOO_MANY_PROFILE_MEASUREMENTS, "this tenant may start " + perMinute
                + " texture profile measurements a minute; start the next in " + retryAfterSeconds + " s")
                .with("limit", perMinute).with("retryAfter", retryAfterSeconds),
                Map.of("Retry-After", String.valueOf(retryAfterSeconds), "RateLimit-Policy", policy, "RateLimit", remaining));
    }

    /** A tenant's texture profile measured while another is: one at a time, so no tenant holds texture-service's profile slots. */
    public static ProblemException profileInProgress() {
        return new ProblemException(Problem.of(ProblemTypes.PROFILE_IN_PROGRESS,
                "this tenant has a texture profile being measured; send the next one when it has been answered"), Map.of("Retry-After", "5"));
    }

    public static ProblemException idempotencyKeyOfAnotherApiKey() {
        return Problem.of(ProblemTypes.IDEMPOTENCY_KEY_REUSED, "this Idempotency-Key was first used by another API key; each key's requests need"
                + " their own Idempotency-Keys").exception();
    }

    public static ProblemException idempotencySecretNotReplayable() {
        return Problem.of(ProblemTypes.IDEMPOTENCY_SECRET_NOT_REPLAYABLE, "the request with this Idempotency-Key succeeded, but its answer held a"
                + " secret that is shown once and never stored; look the object up (GET /v1/api-keys, GET /v1/webhooks) or create a new"
                + " one with a new key").exception();
    }

    public static ProblemException idempotencyKeyReused() {
        return Problem.of(ProblemTypes.IDEMPOTENCY_KEY_REUSED, "this Idempotency-Key was first used with a different request; use a new key for a new"
                + " request").exception();
    }

    public static ProblemException idempotencyInProgress() {
        return new ProblemException(Problem.of(ProblemTypes.IDEMPOTENCY_IN_PROGRESS,
                "a request with this Idempotency-Key is being processed; retry after it ends"), Map.of("Retry-After", "1"));
    }

    public static ProblemException invalidIdempotencyKey() {
        return invalidField("Idempotency-Key", "Idempotency-Key must be 1 to 255 visible ASCII characters");
    }

    public static ProblemException repeatedIdempotencyKey(int times) {
        return invalidField("Idempotency-Key", "header Idempotency-Key is given " + times + " times; send it once");
    }

    public static ProblemException jobFinished(String jobId, String status) {
        return Problem.of(ProblemTypes.JOB_FINISHED, "job " + jobId + " is " + status + " and can no longer be canceled").with("jobStatus", status)
                .exception();
    }

    public static ProblemException imageInUse(String imageId, java.util.List<String> jobIds) {
        return Problem.of(ProblemTypes.IMAGE_IN_USE, "image " + imageId + " is needed by the queued or running jobs " + String.join(", ", jobIds)
                + "; delete it once they have ended (or cancel them)").with("jobIds", jobIds).exception();
    }

    public static ProblemException storageQuotaExceeded(long usedBytes, long limitBytes, long images, long limitImages, long bytes) {
        String detail = images >= limitImages
                ? "this tenant stores " + images + " images, the most it may store: delete images (DELETE /v1/images/{id}) first"
                : "this tenant stores " + usedBytes + " of its " + limitBytes + " bytes of images; this upload of " + bytes
                        + " bytes would exceed them: delete images (DELETE /v1/images/{id}) first";
        return Problem.of(ProblemTypes.STORAGE_QUOTA_EXCEEDED, detail).with("usedBytes", usedBytes).with("limitBytes", limitBytes)
                .with("images", images).with("limitImages", limitImages).with("bytes", bytes).exception();
    }

    public static ProblemException modelUnavailable(String model, String provider) {
        return Problem.of(ProblemTypes.MODEL_UNAVAILABLE, "model " + model + " needs the " + provider + " provider, which is not configured on "
                        + "this deployment; GET /v1/models lists the models that are available")
                .with("model", model).with("provider", provider).exception();
    }

    /** {@code POST /v1/api-keys} asked for more than the calling key holds; {@code field} names what. */
    public static ProblemException grantExceedsKey(String field, String detail) {
        return Problem.of(ProblemTypes.GRANT_EXCEEDS_KEY, detail).with("field", field).exception();
    }

    /** As {@link #grantExceedsKey(String, String)} for a scope the calling key may not grant. */
    public static ProblemException scopeNotGrantable(String scope, String detail) {
        return Problem.of(ProblemTypes.GRANT_EXCEEDS_KEY, detail).with("field", "scopes").with("scope", scope).exception();
    }

    public static ProblemException tooManyKeys(int limit) {
        return Problem.of(ProblemTypes.TOO_MANY_KEYS, "this tenant has " + limit + " active API keys, the most it may have; revoke one "
                + "(DELETE /v1/api-keys/{id}) before creating another").with("limit", limit).exception();
    }

    public static ProblemException tooManyWebhookSecrets(int limit, long retryAfterSeconds) {
        return new ProblemException(Problem.of(ProblemTypes.TOO_MANY_WEBHOOK_SECRETS, "this tenant has " + limit
                + " webhook signing secrets still signing, the most it may; the oldest stops signing in " + retryAfterSeconds
                + " s, then rotate again").with("limit", limit).with("retryAfter", retryAfterSeconds),
                Map.of("Retry-After", String.valueOf(retryAfterSeconds)));
    }

    public static ProblemException tooManyKeyCreations(int limit, long retryAfterSeconds) {
        return new ProblemException(Problem.of(ProblemTypes.TOO_MANY_KEY_CREATIONS, "this tenant's keys have created " + limit
                + " API keys within the last 24 hours, the most they may; create the next one in " + retryAfterSeconds + " s")
                .with("limit", limit).with("retryAfter", retryAfterSeconds), Map.of("Retry-After", String.valueOf(retryAfterSeconds)));
    }

    public static ProblemException tooManyProfiles(int limit) {
        return Problem.of(ProblemTypes.TOO_MANY_PROFILES, "this tenant has " + limit + " texture profiles, the most it may have; delete one "
                + "(DELETE /v1/texture-profiles/{id}) before creating another").with("limit", limit).exception();
    }

    public static ProblemException profileInUse(String profileId, java.util.List<String> jobIds) {
        return Problem.of(ProblemTypes.PROFILE_IN_USE, "texture profile " + profileId + " is needed by the queued or running jobs "
                + String.join(", ", jobIds) + "; delete it once they have ended (or cancel them)").with("jobIds", jobIds).exception();
    }

    /** A texture profile whose document the blob store does not have: nothing to answer or restore toward. */
    public static ProblemException profileWithoutDocument(String profileId) {
        return Problem.of(ProblemTypes.NOT_FOUND, "texture profile " + profileId + " has lost its document in the blob store and cannot be "
                + "used; delete it (DELETE /v1/texture-profiles/" + profileId + ") and make it again from a photo").exception();
    }

    /** Every key of a suspended tenant; the operator's reason is theirs, never told to the partner. */
    public static ProblemException tenantSuspended(java.time.Instant since, String contact) {
        return Problem.of(ProblemTypes.TENANT_SUSPENDED, "this API key's tenant has been suspended since " + since + " and its keys are refused "
                + "until it is resumed; contact " + contact).with("suspendedAt", since.toString()).with("contact", contact).exception();
    }

    public static ProblemException tenantNotSuspendable(String tenantId) {
        return Problem.of(ProblemTypes.TENANT_NOT_SUSPENDABLE, "tenant " + tenantId + " holds the bootstrap admin key (realskin.admin-tenant) "
                + "and is never suspended; revoke a leaked admin key instead (DELETE /v1/admin/api-keys/{id})").exception();
    }

    public static ProblemException tenantNotErasable(String tenantId) {
        return Problem.of(ProblemTypes.TENANT_NOT_ERASABLE, "tenant " + tenantId + " holds the bootstrap admin key (realskin.admin-tenant) "
                + "and is never erased").exception();
    }

    public static ProblemException tenantNotSuspended(String tenantId) {
        return Problem.of(ProblemTypes.TENANT_NOT_SUSPENDED, "tenant " + tenantId + " is active: an erasure cannot be undone, so suspend "
                + "the tenant first (POST /v1/admin/tenants/" + tenantId + "/suspend), then erase it").exception();
    }

    public static ProblemException tenantHasUnfinishedJobs(String tenantId, long unfinished) {
        return Problem.of(ProblemTypes.TENANT_HAS_UNFINISHED_JOBS, "tenant " + tenantId + " has " + unfinished + " queued or running jobs: "
                + "cancel them first (POST /v1/admin/tenants/" + tenantId + "/jobs/cancel, until it answers more: false), then erase it")
                .with("unfinishedJobs", unfinished).exception();
    }

    public static ProblemException tenantErased(String tenantId, String status) {
        return Problem.of(ProblemTypes.TENANT_ERASED, "tenant " + tenantId + " is " + status + " (DELETE /v1/admin/tenants/" + tenantId
                + "): it cannot be changed any more").with("tenantStatus", status).exception();
    }

    /** 422 naming the mask (in {@code field}, for a form) and the least area it must paint, in {@code minimumPixels}. */
    public static ProblemException maskTooSmall(long painted, long minimum, int minimumSide) {
        String pixels = String.format(java.util.Locale.ROOT, "%,d", minimum);
        return Problem.of(ProblemTypes.MASK_TOO_SMALL, "the mask paints about " + String.format(java.util.Locale.ROOT, "%,d", painted)
                + " pixels of the image; paint at least " + pixels + " pixels (a " + minimumSide
                + " x " + minimumSide + " px patch, or a quarter of a smaller image): a smaller rework "
                + "changes too little to see, and its job would still be billed").with("field", "maskImageId")
                .with("minimumPixels", minimum).with("maskedPixels", painted).exception();
    }

    public static ProblemException webhookUrlRefused(String detail) {
        return Problem.of(ProblemTypes.WEBHOOK_URL_REFUSED, detail).exception();
    }

    private Problems() {
    }
}
