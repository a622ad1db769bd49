package io.realskin.generation.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import io.realskin.generation.provider.ErrorBody;
import io.realskin.generation.provider.ProviderAnswer;
import io.realskin.generation.provider.ProviderFailure;
import io.realskin.generation.provider.RetryAfter;
import java.time.Duration;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * A Gemini API error answer, {@code {"error":{code,message,status,details[]}}} (google.rpc.Status), as the failure it
 * means for the job, by the troubleshooting page's table (https://ai.google.dev/gemini-api/docs/troubleshooting):
 * 400 {@code INVALID_ARGUMENT} a bad request unless {@code google.rpc.ErrorInfo.reason} names the key; 400
 * {@code FAILED_PRECONDITION} the free tier unavailable where we call from and no billing: no request succeeds until
 * billing is enabled, so it is {@code provider_quota} (never retried, the fallback applies); 403
 * {@code PERMISSION_DENIED} the key; 404 {@code NOT_FOUND} ("The requested resource wasn't found"; for a model name
 * Google shut down or never had: "models/X is not found for API version v1beta, or is not supported for
 * generateContent") {@code provider_model_missing}, an operator's matter, never the prompt's; 429 {@code RESOURCE_EXHAUSTED} a rate limit, retried after
 * {@code google.rpc.RetryInfo.retryDelay}, unless a {@code google.rpc.QuotaFailure} violation is a per-day quota, which
 * no wait within a job lifts, or unless it is a billing stop ({@link #billingStop}); 402 (depleted prepay credits, as
 * Google answers them since 2026) {@code provider_quota}; 5xx unavailable. Which are tried again is {@link GeminiRetry}'s.
 */
final class GeminiErrors {
    /**
     * The words of a billing stop, which no wait lifts: "Your prepayment credits are depleted" (a 429 until Google moved
     * it to 402, discuss.ai.google.dev t/183654) and a spending cap reached ("Your billing account has exceeded its
     * monthly spending cap"; a project's spend cap likewise). Read only on a 429 without {@code RetryInfo}: a rate limit
     * says when to come back; "billing" alone is no sign, as every quota 429 says "check your plan and billing details".
     */
    private static final Pattern BILLING_STOP = Pattern.compile("credits are depleted|prepayment credits|spending cap|spend cap",
            Pattern.CASE_INSENSITIVE);

    private GeminiErrors() {
    }

    /** A 429 that says it is the account's billing state, not a rate: no {@code RetryInfo}, and the words of one. */
    private static boolean billingStop(int code, boolean retryInfo, JsonNode error) {
        return code == 429 && !retryInfo && BILLING_STOP.matcher(error.path("message").asText("")).find();
    }

    static ProviderFailure failure(ProviderAnswer answer, UnaryOperator<String> redact) {
        JsonNode error = answer.json().path("error");
        String status = error.path("status").asText("");
        String reason = "";
        boolean perDay = false;
        boolean retryInfo = false;
        Duration retryDelay = RetryAfter.of(answer.headers());
        for (JsonNode detail : error.path("details")) {
            if (detail.hasNonNull("reason")) {
                reason = detail.get("reason").asText();
            }
            retryInfo |= detail.hasNonNull("retryDelay");
            if (detail.hasNonNull("retryDelay") && retryDelay == null) {
                retryDelay = RetryAfter.ofProtobufDuration(detail.get("retryDelay").asText());
            }
            for (JsonNode violation : detail.path("violations")) {
                perDay |= violation.path("quotaId").asText("").contains("PerDay");
            }
        }
        String message = "gemini: HTTP " + answer.status() + (status.isEmpty() ? "" : " " + status) + (reason.isEmpty() ? "" : " " + reason)
                + ": " + (error.path("message").isTextual() ? redact.apply(error.get("message").asText()) : ErrorBody.of(answer, redact));
        int code = answer.status();
        if (code == 402 || billingStop(code, retryInfo, error)) {
            return ProviderFailure.quota(message + " (a billing stop)");
        }
        return classify(code, status, reason, perDay, message).retry(!perDay && GeminiRetry.retries(code), retryDelay);
    }

    /** The FAILED code, by HTTP status, {@code error.status} and reason; whether it is retried is {@link GeminiRetry}'s. */
    private static ProviderFailure classify(int code, String status, String reason, boolean perDay, String message) {
        if (code == 401 || code == 403 || reason.startsWith("API_KEY") || "UNAUTHENTICATED".equals(status) || "PERMISSION_DENIED".equals(status)) {
            return ProviderFailure.auth("gemini", code, message);
        }
        if ("FAILED_PRECONDITION".equals(status)) {
            return ProviderFailure.quota(message);
        }
        if (code == 429 || "RESOURCE_EXHAUSTED".equals(status)) {
            return perDay ? ProviderFailure.quota(message + " (a per-day quota)") : ProviderFailure.rateLimited(message, null);
        }
        if (code == 404 || "NOT_FOUND".equals(status)) {
            return ProviderFailure.modelMissing(message + " (the provider has no such model: it was retired or renamed; an operator"
                    + " must set its provider model name, realskin.providers.model-names)");
        }
        if (code >= 500 || code == 408) {
            return ProviderFailure.unavailable(message, null);
        }
        return ProviderFailure.rejected(message);
    }
}
