package io.realskin.generation.provider;

import io.realskin.contracts.FailureCodes;
import java.time.Duration;

/**
 * A provider call that did not give an image: the FAILED {@code code} it means for the job, whether another attempt
 * may help (timeouts and network failures; for an answer, what the provider's retry rule says: {@link #retry}), how
 * long the provider asked us to wait ({@code Retry-After}), and whether it counts against the provider's health
 * (circuit breaker), and whether the request may have been carried out though no answer came ({@link #unanswered}). The
 * message never holds a key.
 */
public final class ProviderFailure extends RuntimeException {
    private final String code;
    private final boolean retryable;
    private final Duration retryAfter;
    private final boolean providerFault;
    private final boolean unanswered;
    private final boolean waitsForCapacity;
    /** What the provider said, for the log only (masked), when the message leaves it out; null: the message says it all. */
    private final String said;

    public ProviderFailure(String code, String message, boolean retryable, Duration retryAfter, boolean providerFault) {
        this(code, message, retryable, retryAfter, providerFault, false, false, null);
    }

    private ProviderFailure(String code, String message, boolean retryable, Duration retryAfter, boolean providerFault,
                            boolean unanswered, boolean waitsForCapacity, String said) {
        super(message, null, false, false);
        this.said = said;
        this.unanswered = unanswered;
        this.waitsForCapacity = waitsForCapacity;
        this.code = code;
        this.retryable = retryable;
        this.retryAfter = retryAfter;
        this.providerFault = providerFault;
    }

    /**
     * 401/403, or a key the provider calls invalid. The message, shown to the tenant, is fixed: what the provider said of
     * our credentials is the operator's, kept for the log alone ({@link #logDetail}), masked ({@link ProviderHttp#redact}).
     */
    public static ProviderFailure auth(String provider, int status, String said) {
        return new ProviderFailure(FailureCodes.PROVIDER_AUTH, provider + ": the provider refused this deployment's credentials (HTTP "
                + status + "); an operator must check its API key", false, null, false, false, false, said);
    }

    /** Out of quota or credits: waiting does not help. */
    public static ProviderFailure quota(String message) {
        return new ProviderFailure(FailureCodes.PROVIDER_QUOTA, message, false, null, false);
    }

    /** A rate limit: retried after {@code retryAfter} (or the backoff); {@code provider_quota} if it holds throughout. */
    public static ProviderFailure rateLimited(String message, Duration retryAfter) {
        return new ProviderFailure(FailureCodes.PROVIDER_QUOTA, message, true, retryAfter, false);
    }

    public static ProviderFailure moderated(String message) {
        return new ProviderFailure(FailureCodes.CONTENT_MODERATED, message, false, null, false);
    }

    /** The provider refused the request (4xx) or answered without a usable image. */
    public static ProviderFailure rejected(String message) {
        return new ProviderFailure(FailureCodes.PROVIDER_REJECTED, message, false, null, false);
    }

    /**
     * The provider has no model by the name sent (retired or renamed): no request of that model can succeed until an
     * operator sets its name ({@code realskin.providers.model-names}). Not retried, not counted by the breaker (the
     * provider's other models are fine); a fallback applies.
     */
    public static ProviderFailure modelMissing(String message) {
        return new ProviderFailure(FailureCodes.PROVIDER_MODEL_MISSING, message, false, null, false);
    }

    /** 5xx, a timeout, a connection failure: retried, and counted by the circuit breaker. */
    public static ProviderFailure unavailable(String message, Duration retryAfter) {
        return new ProviderFailure(FailureCodes.PROVIDER_UNAVAILABLE, message, true, retryAfter, true);
    }

    /**
     * Unavailable, the request sent but its answer not (wholly) received: a timeout, a connection lost after it was made.
     * Retried like {@link #unavailable}, but the provider may have carried the request out ({@link #unanswered()}).
     */
    public static ProviderFailure unanswered(String message) {
        return new ProviderFailure(FailureCodes.PROVIDER_UNAVAILABLE, message, true, null, true, true, false, null);
    }

    /** Unavailable, and no further attempt of this job may help (deadline passed, circuit open, no bulkhead slot). */
    public static ProviderFailure unavailableFinal(String message) {
        return new ProviderFailure(FailureCodes.PROVIDER_UNAVAILABLE, message, false, null, false);
    }

    public static ProviderFailure notConfigured(String message) {
        return new ProviderFailure(FailureCodes.PROVIDER_NOT_CONFIGURED, message, false, null, false);
    }

    /** What would be sent is over what the provider takes (its documented request or image size): never sent, not retried. */
    public static ProviderFailure tooLarge(String message) {
        return new ProviderFailure(FailureCodes.TOO_LARGE, message, false, null, false);
    }

    public static ProviderFailure badRequest(String message) {
        return new ProviderFailure(FailureCodes.BAD_REQUEST, message, false, null, false);
    }

    /** The message, and for the log what the provider said when the message leaves it out (already masked). */
    public String logDetail() {
        return said == null ? getMessage() : getMessage() + " [the provider said: " + said + "]";
    }

    public String code() {
        return code;
    }

    public boolean retryable() {
        return retryable;
    }

    /** The provider's requested wait, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }

    public boolean providerFault() {
        return providerFault;
    }

    /**
     * True when the request left and no whole answer came back (a timeout, a connection lost after it was made): the
     * provider may have carried it out, and a paid request sent again may be paid twice.
     */
    public boolean unanswered() {
        return unanswered;
    }

    /**
     * The same failure, tried again or not as the provider's own retry rule decided for its answer (OpenAiRetry,
     * GeminiRetry, BflRetry), after at least {@code wait} (null: the backoff alone).
     */
    public ProviderFailure retry(boolean again, Duration wait) {
        return new ProviderFailure(code, getMessage(), again, wait, providerFault, unanswered, waitsForCapacity, said);
    }

    /**
     * The same failure, as a refusal for now of a request the provider did not carry out, which clears as the account's
     * own work finishes (BFL's 429 at its limit of active tasks: "retry once a previous task finishes"): retried while
     * the job's time allows, not counted against {@code max-attempts}.
     */
    public ProviderFailure untilCapacity() {
        return new ProviderFailure(code, getMessage(), retryable, retryAfter, providerFault, unanswered, true, said);
    }

    /** True for {@link #untilCapacity}: the guard's attempts do not bound its retries, the job's time does. */
    public boolean waitsForCapacity() {
        return waitsForCapacity;
    }

    /** The same failure, no longer retryable, with what was tried added to the message. */
    public ProviderFailure exhausted(String note) {
        return new ProviderFailure(code, getMessage() + " (" + note + ")", false, retryAfter, providerFault, unanswered, false, said);
    }
}
