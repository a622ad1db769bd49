package io.realskin.generation.provider;

/**
 * One external image-model API (OpenAI Images, Google Gemini, Black Forest Labs), called the way its documentation
 * says. An adapter makes one attempt: retries, the circuit breaker and the bulkhead wrap it ({@code ProviderGuard}).
 */
public interface ImageProvider {
    /** The provider's name in the model table ({@code openai}, {@code google}, {@code bfl}). */
    String name();

    /**
     * Makes the image.
     *
     * @throws ProviderFailure with a FAILED code, and whether trying again may help
     */
    ProviderImage create(ProviderCall call, CallContext context);
}
