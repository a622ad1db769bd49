package io.realskin.generation.provider;

/**
 * The provider's image as it arrived.
 *
 * @param requestId the provider's id of the call (OpenAI {@code x-request-id}, Gemini {@code responseId}, BFL task id)
 */
public record ProviderImage(byte[] bytes, String requestId) {
}
