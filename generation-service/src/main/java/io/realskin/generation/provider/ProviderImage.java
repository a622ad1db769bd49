package io.realskin.generation.provider;

/**
 * The provider's image as it arrived.
 *
 * @param requestId  the provider's id of the call (OpenAI {@code x-request-id}, Gemini {@code responseId}, BFL task id)
 * @param receivedAt {@link System#nanoTime()} when the answer carrying the image had arrived: the job's own time
 *                   (reading the image out of the answer, checking, storing, reporting) starts there
 */
public record ProviderImage(byte[] bytes, String requestId, long receivedAt) {
}
