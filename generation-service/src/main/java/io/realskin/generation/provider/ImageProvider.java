package io.realskin.generation.provider;

import java.time.Duration;

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

    /**
     * How much of the job's time an attempt needs left to start ({@link #create} would refuse to begin with less), so that
     * the wait for a provider slot ends in time; none by default.
     */
    default Duration leastTimeToStart(CallContext context) {
        return Duration.ZERO;
    }
}
