package io.realskin.generation.stub;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The three providers stubbed on loopback, once per JVM, and the settings that point generation-service at them:
 * as environment variables (a service in its own JVM) or as configuration properties (a {@code @QuarkusTest}).
 */
public final class ProviderStubs {
    public static final String OPENAI_KEY = "sk-stub-openai-7Hq2LmX9vR4tY8wZ";
    public static final String GEMINI_KEY = "AIzaStub-gemini-3kP9qL2mN7vB5xC1";
    public static final String BFL_KEY = "bfl-stub-5e1d7c3a-9f2b-4d6e-8a0c";

    private static ProviderStubs shared;

    public final OpenAiStub openai = new OpenAiStub(OPENAI_KEY);
    public final GeminiStub gemini = new GeminiStub(GEMINI_KEY);
    public final BflStub bfl = new BflStub(BFL_KEY);

    public static synchronized ProviderStubs shared() {
        if (shared == null) {
            shared = new ProviderStubs();
            Thread warm = new Thread(() -> {
                StubImages.synthetic(256, 256, "png"); // Gemini's thought image
                StubImages.synthetic(1024, 1024, "png"); // the size most jobs ask for
            }, "provider-stub-warm-up");
            warm.setDaemon(true);
            warm.start();
        }
        return shared;
    }

    /** Environment variables for generation-service (keys and base URLs as the real deployment takes them). */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("OPENAI_API_KEY", OPENAI_KEY);
        env.put("OPENAI_BASE_URL", openai.baseUrl());
        env.put("GEMINI_API_KEY", GEMINI_KEY);
        env.put("GEMINI_BASE_URL", gemini.baseUrl());
        env.put("BFL_API_KEY", BFL_KEY);
        env.put("BFL_BASE_URL", bfl.baseUrl());
        env.put("REALSKIN_PROVIDERS_BFL_POLL_INTERVAL", "100ms");
        env.put("REALSKIN_PROVIDERS_BFL_POLL_MAX_INTERVAL", "300ms");
        return env;
    }

    /** The same as configuration properties. */
    public Map<String, String> config() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("realskin.providers.openai.api-key", OPENAI_KEY);
        config.put("realskin.providers.openai.base-url", openai.baseUrl());
        config.put("realskin.providers.gemini.api-key", GEMINI_KEY);
        config.put("realskin.providers.gemini.base-url", gemini.baseUrl());
        config.put("realskin.providers.bfl.api-key", BFL_KEY);
        config.put("realskin.providers.bfl.base-url", bfl.baseUrl());
        config.put("realskin.providers.bfl.poll-interval", "50ms");
        config.put("realskin.providers.bfl.poll-max-interval", "200ms");
        return config;
    }

    public void reset() {
        openai.reset();
        gemini.reset();
        bfl.reset();
    }
}
