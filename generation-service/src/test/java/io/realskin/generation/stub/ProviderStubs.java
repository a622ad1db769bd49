package io.realskin.generation.stub;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The three providers stubbed on loopback, once per JVM, and the settings that point generation-service at them:
 * as environment variables (a service in its own JVM) or as configuration properties (a {@code @QuarkusTest}).
 */
public final class ProviderStubs {
    public static final String OPENAI_KEY = "sk-stub-openai-7Hq2LmX9vR4tY8wZ";
    public static final String GEMINI_KEY = "AIzaStub-gemini-3kP9qL2mN7vB5xC1";
    public static final String BFL_KEY = "bfl-stub-5e1d7c3a-9f2b-4d6e-8a0c";
    /** The OpenAI organization and project the @QuarkusTest service is configured with (OpenAI-Organization, OpenAI-Project). */
    public static final String OPENAI_ORGANIZATION = "org-stubQ7w2Lk9Xv3";
    public static final String OPENAI_PROJECT = "proj_stubM4n8Rt2Zc6";

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
        settings().forEach((property, value) -> env.put(property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'), value));
        env.put("OPENAI_API_KEY", OPENAI_KEY);
        env.put("OPENAI_BASE_URL", openai.baseUrl());
        env.put("GEMINI_API_KEY", GEMINI_KEY);
        env.put("GEMINI_BASE_URL", gemini.baseUrl());
        env.put("BFL_API_KEY", BFL_KEY);
        env.put("BFL_BASE_URL", bfl.baseUrl());
        return env;
    }

    /** The same as configuration properties, for a {@code @QuarkusTest}. */
    public Map<String, String> config() {
        Map<String, String> config = new LinkedHashMap<>(settings());
        for (String[] p : new String[][] {{"openai", OPENAI_KEY, openai.baseUrl()}, {"gemini", GEMINI_KEY, gemini.baseUrl()},
                {"bfl", BFL_KEY, bfl.baseUrl()}}) {
            config.put("realskin.providers." + p[0] + ".api-key", p[1]);
            config.put("realskin.providers." + p[0] + ".base-url", p[2]);
        }
        config.put("realskin.providers.openai.organization", OPENAI_ORGANIZATION);
        config.put("realskin.providers.openai.project", OPENAI_PROJECT);
        return config;
    }

    /** Quick polls: the stub's tasks are ready after two. */
    private static Map<String, String> settings() {
        return Map.of("realskin.providers.bfl.poll-interval", "100ms", "realskin.providers.bfl.poll-max-interval", "300ms");
    }

    public void reset() {
        openai.reset();
        gemini.reset();
        bfl.reset();
    }
}
