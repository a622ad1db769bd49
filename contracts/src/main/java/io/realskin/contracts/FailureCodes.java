package io.realskin.contracts;

/** Stable {@code code} values of a FAILED job event; clients and billing switch on them. */
public final class FailureCodes {
    /** The image could not be decoded or is not a supported format. */
    public static final String BAD_IMAGE = "bad_image";
    /** Over the pixel or byte limit. */
    public static final String TOO_LARGE = "too_large";
    /** A blob key in the request names nothing in the blob store. */
    public static final String BLOB_MISSING = "blob_missing";
    /** The request record itself breaks the contract (not JSON, a missing field). */
    public static final String BAD_REQUEST = "bad_request";
    /**
     * The request names reference images without the consent to use them ({@code consent: false}, or no consent field
     * where the worker requires it): nothing was read or sent; submit it again with {@code "consent": true}.
     */
    public static final String CONSENT_REQUIRED = "consent_required";
    /** An external image model refused or failed (older events; generation-service now says which way, below). */
    public static final String PROVIDER_ERROR = "provider_error";
    /** No image model provider is configured for the requested model. */
    public static final String PROVIDER_NOT_CONFIGURED = "provider_not_configured";
    /** The provider refused this deployment's API key (401/403, Gemini API_KEY_INVALID). */
    public static final String PROVIDER_AUTH = "provider_auth";
    /** The provider account is out of quota or credits, or its rate limit held through every retry. */
    public static final String PROVIDER_QUOTA = "provider_quota";
    /**
     * The provider has no model by the name this deployment sends (Gemini's 404 {@code NOT_FOUND}): retired or renamed
     * by the provider. No request of that model can succeed until an operator sets its provider model name
     * ({@code realskin.providers.model-names}); nothing about the prompt is wrong.
     */
    public static final String PROVIDER_MODEL_MISSING = "provider_model_missing";
    /** The provider refused the request or answered without a usable image. */
    public static final String PROVIDER_REJECTED = "provider_rejected";
    /** The provider's moderation blocked the prompt, a reference or the output. */
    public static final String CONTENT_MODERATED = "content_moderated";
    /** The provider did not answer in time, failed (5xx) through every retry, or its circuit is open. */
    public static final String PROVIDER_UNAVAILABLE = "provider_unavailable";
    /** The user canceled the job before it finished (payload of CANCELED). */
    public static final String CANCELED = "canceled";
    /**
     * The request reached a worker too late to be paid for: its credit hold would expire before the result
     * (generation-service's {@code realskin.generation.max-request-age}, texture-service's
     * {@code realskin.texture.worker.max-request-age}); nothing was charged, submitting again works.
     */
    public static final String EXPIRED = "expired";
    /** Anything unexpected; safe to retry. */
    public static final String INTERNAL = "internal";

    private FailureCodes() {
    }
}
