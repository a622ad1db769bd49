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
    /** An external image model refused or failed. */
    public static final String PROVIDER_ERROR = "provider_error";
    /** No image model provider is configured for the requested model. */
    public static final String PROVIDER_NOT_CONFIGURED = "provider_not_configured";
    /** The user canceled the job before it finished (payload of CANCELED). */
    public static final String CANCELED = "canceled";
    /** Anything unexpected; safe to retry. */
    public static final String INTERNAL = "internal";

    private FailureCodes() {
    }
}
