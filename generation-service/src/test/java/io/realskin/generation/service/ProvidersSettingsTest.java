package io.realskin.generation.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.runtime.configuration.DurationConverter;
import io.realskin.contracts.ImageModels;
import io.realskin.generation.config.GenerationConfig;
import io.realskin.generation.config.ProvidersConfig;
import io.realskin.generation.provider.ProviderSettings;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The module's application.properties with an environment: which variables give OpenAI's account headers, and that a
 * value no header can carry stops the service as it starts (Providers is built at start-up, for ProviderLanes).
 */
class ProvidersSettingsTest {
    private static Providers start(Map<String, String> env) {
        SmallRyeConfig config = new SmallRyeConfigBuilder().addDefaultInterceptors() // ${VAR:default} expressions
                .withSources(new PropertiesConfigSource(env, "environment", 300))
                .withSources(properties())
                .withConverter(Duration.class, 200, new DurationConverter()) // "10s", as Quarkus reads it
                .withMapping(ProvidersConfig.class)
                .withMapping(GenerationConfig.class)
                .build();
        return new Providers(config.getConfigMapping(ProvidersConfig.class), config.getConfigMapping(GenerationConfig.class));
    }

    private static PropertiesConfigSource properties() {
        try {
            return new PropertiesConfigSource(ProvidersSettingsTest.class.getResource("/application.properties"), 250);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ProviderSettings openai(Providers providers) {
        return providers.configured().get(ImageModels.OPENAI).settings();
    }

    @Test
    void theSdksVariablesGiveTheHeaders() {
        ProviderSettings sdk = openai(start(Map.of("OPENAI_API_KEY", "sk-x", "OPENAI_ORG_ID", "org-Sdk1", "OPENAI_PROJECT_ID", "proj_Sdk2")));
        assertEquals(Map.of("OpenAI-Organization", "org-Sdk1", "OpenAI-Project", "proj_Sdk2"), sdk.headers());
        assertFalse(sdk.toString().contains("org-Sdk1") || sdk.toString().contains("proj_Sdk2"), "never printed: " + sdk);

        assertEquals(Map.of(), openai(start(Map.of("OPENAI_API_KEY", "sk-x"))).headers(), "unset: no header");
    }

    /**
     * An OpenAI image request answers nothing until the image is made (up to about two minutes for a complex prompt, by
     * OpenAI's guide), and one that timed out may have been made and billed, yet a timeout is retried: by default only
     * the job's own deadline cuts the exchange, as openai-python's 600 s default does. Before, 180 s cut a slow answer
     * and the same paid request went again.
     */
    @Test
    void anOpenAiCallIsCutOnlyByTheJobsDeadlineByDefault() {
        ProviderSettings settings = openai(start(Map.of("OPENAI_API_KEY", "sk-x")));
        assertTrue(settings.readTimeout().compareTo(settings.jobTimeout()) >= 0,
                "read timeout " + settings.readTimeout() + ", job timeout " + settings.jobTimeout());
        ProviderSettings set = openai(start(Map.of("OPENAI_API_KEY", "sk-x", "realskin.providers.openai.read-timeout", "150s")));
        assertEquals(Duration.ofSeconds(150), set.readTimeout(), "configurable");
    }

    /**
     * Gemini's generateContent answers likewise only once the image is made (Gemini 3 Pro Image thinks first, at up to
     * 4K), and google-genai sets no timeout unless its caller does: by default only the job's deadline cuts the
     * exchange. Before, 180 s cut a slow answer and the same paid request went again.
     */
    @Test
    void aGeminiCallIsCutOnlyByTheJobsDeadlineByDefault() {
        ProviderSettings settings = start(Map.of("GEMINI_API_KEY", "g-x")).configured().get(ImageModels.GOOGLE).settings();
        assertTrue(settings.readTimeout().compareTo(settings.jobTimeout()) >= 0,
                "read timeout " + settings.readTimeout() + ", job timeout " + settings.jobTimeout());
    }

    /**
     * A BFL task is paid at its submit and polled only until the job's deadline: by default none is submitted with less
     * than 120 s of the job's time left (BFL's own client polls a task for 120 s). A setting no job could ever meet stops
     * the start.
     */
    @Test
    void bflSubmitsNoTaskWithLessThanTwoMinutesLeftByDefault() {
        ProviderSettings bfl = start(Map.of("BFL_API_KEY", "bfl-x")).configured().get(ImageModels.BFL).settings();
        assertEquals(Duration.ofSeconds(120), bfl.submitMinTime());
        assertEquals(Duration.ZERO, openai(start(Map.of("OPENAI_API_KEY", "sk-x"))).submitMinTime(), "a synchronous API submits no task");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> start(Map.of("BFL_API_KEY", "bfl-x",
                "realskin.providers.bfl.job-timeout", "2m")));
        assertTrue(e.getMessage().contains("submit-min-time"), e.getMessage());
    }

    @Test
    void aLineBreakInTheOrganizationStopsTheStart() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> start(Map.of("OPENAI_API_KEY", "sk-x", "OPENAI_ORG_ID", "org-Sdk1\n")));
        assertTrue(e.getMessage().contains("OPENAI_ORG_ID"), e.getMessage());
        assertFalse(e.getMessage().contains("org-Sdk1"), e.getMessage());
    }

    @Test
    void aKeyNoHeaderCanCarryStopsTheStartWithoutPrintingIt() {
        // before: the key was kept as given and every call threw the JDK's "invalid header value: \"<key>\"", which the
        // job's error log printed in full
        for (String variable : new String[] {"OPENAI_API_KEY", "GEMINI_API_KEY", "BFL_API_KEY"}) {
            for (String key : new String[] {"sk-line-break-7f3a\n", "sk-line\r\nbreak-7f3a", "sk-tab\t7f3a", "sk-\u00e9-7f3a"}) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> start(Map.of(variable, key)),
                        variable + " " + key.strip());
                assertTrue(e.getMessage().contains("API key") && e.getMessage().contains("line break"), e.getMessage());
                assertFalse(e.getMessage().contains("7f3a"), "the key is never printed: " + e.getMessage());
            }
        }
    }

    @Test
    void theGeminiKeyComesFromGoogleApiKeyFirstThenGeminiApiKeyAsGooglesLibrariesReadThem() {
        // before: GOOGLE_API_KEY was not read, so a deployment set up as Google's API-key page says had no Gemini
        assertEquals("AIza-google", gemini(start(Map.of("GOOGLE_API_KEY", "AIza-google"))).apiKey());
        assertEquals("AIza-google", gemini(start(Map.of("GOOGLE_API_KEY", "AIza-google", "GEMINI_API_KEY", "AIza-gemini"))).apiKey(),
                "both set: GOOGLE_API_KEY takes precedence");
        assertEquals("AIza-gemini", gemini(start(Map.of("GEMINI_API_KEY", "AIza-gemini"))).apiKey());
        assertEquals("AIza-gemini", gemini(start(Map.of("GOOGLE_API_KEY", "", "GEMINI_API_KEY", "AIza-gemini"))).apiKey(),
                "an empty GOOGLE_API_KEY is unset");
        assertEquals("https://generativelanguage.googleapis.com", gemini(start(Map.of("GOOGLE_API_KEY", "AIza-google"))).base());
        assertEquals("https://gemini-proxy.example", gemini(start(Map.of("GOOGLE_API_KEY", "AIza-google",
                "GOOGLE_GEMINI_BASE_URL", "https://gemini-proxy.example"))).base(), "google-genai's base URL variable");
        assertEquals("https://ours.example", gemini(start(Map.of("GOOGLE_API_KEY", "AIza-google", "GEMINI_BASE_URL", "https://ours.example",
                "GOOGLE_GEMINI_BASE_URL", "https://gemini-proxy.example"))).base(), "GEMINI_BASE_URL first, as documented before");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> start(Map.of("GOOGLE_API_KEY", "AIza-7f3a\n")));
        assertFalse(e.getMessage().contains("7f3a"), e.getMessage());
    }

    private static ProviderSettings gemini(Providers providers) {
        return providers.configured().get(ImageModels.GOOGLE).settings();
    }

    @Test
    void spacesAroundAKeyAreNoPartOfIt() {
        assertEquals("sk-x", openai(start(Map.of("OPENAI_API_KEY", "  sk-x "))).apiKey());
        assertTrue(start(Map.of("OPENAI_API_KEY", "   ")).configured().isEmpty(), "a blank key is no key");
    }
}
