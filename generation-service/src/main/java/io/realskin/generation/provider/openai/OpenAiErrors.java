package io.realskin.generation.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import io.realskin.generation.provider.ErrorBody;
import io.realskin.generation.provider.ProviderAnswer;
import io.realskin.generation.provider.ProviderFailure;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * An OpenAI error answer ({@code {"error":{message,type,param,code}}} and its status) as the failure it means for the
 * job (https://developers.openai.com/docs/guides/error-codes). A 429 is a rate limit unless its {@code error.code} or
 * {@code error.type} names a billing stop, which no wait lifts; {@code model_not_found} is a model name the provider
 * has not, {@code provider_model_missing}. Whether it is tried again is {@link OpenAiRetry}'s.
 */
final class OpenAiErrors {
    /**
     * The 429 (and 400) codes of billing: the organization's or project's credits or limits are used up. The error
     * codes guide lists the first four under type {@code insufficient_quota} and says to read {@code error.code}, as
     * the type is only "still" that; {@code billing_hard_limit_reached} is the older code of the same stop.
     */
    static final Set<String> BILLING = Set.of("insufficient_quota", "credit_balance_exhausted", "organization_spend_limit_exceeded",
            "project_spend_limit_exceeded", "organization_usage_limit_exceeded", "billing_hard_limit_reached");

    /**
     * The type of the image failures the caller must correct (the image-generation guide, "Handling blocked requests and
     * other errors"); {@code error.code} tells them apart ({@code moderation_blocked}).
     */
    static final String USER_ERROR = "image_generation_user_error";
    /** The codes of a request the safety system refused: {@code moderation_blocked} (GPT image models), {@code content_policy_violation}. */
    static final Set<String> MODERATION = Set.of("moderation_blocked", "content_policy_violation");

    /**
     * The code of a model name the API has not for this key: 404 "The model `X` does not exist or you do not have access
     * to it." (type {@code invalid_request_error}), as openai-python raises it ({@code NotFoundError}). Retired, renamed
     * or not granted to the key: an operator's matter, never the prompt's ({@code provider_model_missing}, as Gemini's
     * 404 {@code NOT_FOUND} for a model).
     */
    static final String MODEL_NOT_FOUND = "model_not_found";

    private OpenAiErrors() {
    }

    static ProviderFailure failure(ProviderAnswer answer, UnaryOperator<String> redact) {
        JsonNode error = answer.json().path("error");
        String code = error.path("code").asText("");
        String type = error.path("type").asText("");
        String message = "openai: HTTP " + answer.status() + (code.isEmpty() ? "" : " " + code) + ": "
                + (error.path("message").isTextual() ? redact.apply(error.get("message").asText()) : ErrorBody.of(answer, redact));
        boolean billing = BILLING.contains(code) || BILLING.contains(type);
        // the guide: "use error.code as the stable discriminator": a moderation block is a user error whatever its type
        boolean userError = USER_ERROR.equals(type) || MODERATION.contains(code);
        return OpenAiRetry.decide(classify(answer.status(), code, billing, message), answer, billing, userError);
    }

    /** The FAILED code, by status and error code; whether it is retried is {@link OpenAiRetry}'s. */
    private static ProviderFailure classify(int status, String code, boolean billing, String message) {
        if (status == 401 || status == 403) {
            return ProviderFailure.auth("openai", status, message);
        }
        if (billing) {
            return ProviderFailure.quota(message);
        }
        if (MODEL_NOT_FOUND.equals(code)) {
            return ProviderFailure.modelMissing(message + " (the provider has no such model for this key: retired, renamed or not"
                    + " granted to it; an operator must set its provider model name, realskin.providers.model-names, or give the key"
                    + " access)");
        }
        if (MODERATION.contains(code)) {
            return ProviderFailure.moderated(message);
        }
        if (status == 429) {
            return ProviderFailure.rateLimited(message, null);
        }
        return OpenAiRetry.retriedStatus(status) ? ProviderFailure.unavailable(message, null) : ProviderFailure.rejected(message);
    }
}
