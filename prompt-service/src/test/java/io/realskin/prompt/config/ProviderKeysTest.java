package io.realskin.prompt.config;

import io.realskin.prompt.service.ProviderRegistry;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The module's application.properties with an environment: which variables make a provider's models available. They
 * must be the ones generation-service calls the provider with, or the gateway refuses jobs it could run (409
 * model-unavailable) or takes jobs it cannot.
 */
class ProviderKeysTest {
    private static ProviderRegistry start(Map<String, String> env) throws IOException {
        SmallRyeConfig config = new SmallRyeConfigBuilder().addDefaultInterceptors() // ${VAR:default} expressions
                .withSources(new PropertiesConfigSource(env, "environment", 300))
                .withSources(new PropertiesConfigSource(ProviderKeysTest.class.getResource("/application.properties"), 250))
                .withMapping(ProviderSettings.class)
                .build();
        return new ProviderRegistry(config.getConfigMapping(ProviderSettings.class));
    }

    @Test
    void googleIsConfiguredByGoogleApiKeyOrGeminiApiKey() throws IOException {
        // before: GOOGLE_API_KEY was not read here, while generation-service calls Gemini with it
        assertTrue(start(Map.of("GOOGLE_API_KEY", "AIza-google")).isConfigured("google"));
        assertTrue(start(Map.of("GEMINI_API_KEY", "AIza-gemini")).isConfigured("google"));
        assertTrue(start(Map.of("GOOGLE_API_KEY", "", "GEMINI_API_KEY", "AIza-gemini")).isConfigured("google"));
        assertFalse(start(Map.of("GOOGLE_API_KEY", "  ")).isConfigured("google"), "a blank key is no key");
        assertFalse(start(Map.of()).isConfigured("google"));
    }

    @Test
    void eachOtherProviderByItsOwnVariable() throws IOException {
        ProviderRegistry registry = start(Map.of("OPENAI_API_KEY", "sk-x", "BFL_API_KEY", "bfl-x"));
        assertTrue(registry.isConfigured("openai"));
        assertTrue(registry.isConfigured("bfl"));
        assertFalse(registry.isConfigured("google"));
        assertFalse(registry.isConfigured("stability"));
    }
}
