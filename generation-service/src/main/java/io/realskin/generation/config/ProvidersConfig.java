package io.realskin.generation.config;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/** Image-model providers; each key comes from its env var (OPENAI_API_KEY, GEMINI_API_KEY, BFL_API_KEY). */
@ConfigMapping(prefix = "realskin.providers")
public interface ProvidersConfig {
    Provider openai();

    Provider gemini();

    Provider bfl();

    interface Provider {
        Optional<String> apiKey();

        String baseUrl();
    }
}
