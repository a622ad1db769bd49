package io.realskin.prompt.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithParentName;

import java.util.Map;
import java.util.Optional;

/**
 * Image providers ({@code realskin.providers.<provider>.api-key}), mapped from {@code OPENAI_API_KEY},
 * {@code GEMINI_API_KEY} and {@code BFL_API_KEY} in application.properties, and Google's also from
 * {@code GOOGLE_API_KEY}, as generation-service reads them. This service only asks whether a key is set; it never
 * logs, returns or uses the key itself.
 */
@ConfigMapping(prefix = "realskin.providers")
public interface ProviderSettings {

    @WithParentName
    Map<String, Provider> providers();

    /** One provider's settings. */
    interface Provider {
        Optional<String> apiKey();

        /** Google's only: {@code GOOGLE_API_KEY}, which Google's libraries read before {@code GEMINI_API_KEY}. */
        Optional<String> googleApiKey();

        /** Whether a key is set, one of blanks being none. */
        default boolean hasKey() {
            return apiKey().filter(key -> !key.isBlank()).isPresent() || googleApiKey().filter(key -> !key.isBlank()).isPresent();
        }
    }
}
