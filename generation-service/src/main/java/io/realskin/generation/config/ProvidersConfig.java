package io.realskin.generation.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The image-model providers (docs/generation.md, "Settings"). Each key and base URL comes from its environment
 * variable ({@code OPENAI_API_KEY}, {@code OPENAI_BASE_URL}, ...) through application.properties; keys are never
 * logged. A provider without a key is not configured: its jobs fail at once with {@code provider_not_configured}.
 */
@ConfigMapping(prefix = "realskin.providers")
public interface ProvidersConfig {
    OpenAi openai();

    Gemini gemini();

    Provider bfl();

    /**
     * This deployment's provider model names, {@code id=providerModel} pairs ({@code PROVIDER_MODEL_NAMES}, e.g.
     * {@code nano-banana-pro=gemini-3-pro-image}): sent instead of the model table's name for those models, so a
     * provider's retirement of a name needs no release ({@link io.realskin.contracts.ProviderModelNames}).
     */
    Optional<List<String>> modelNames();

    interface Provider {
        Optional<String> apiKey();

        /** The API root as the provider's SDKs take it; the adapter adds the documented paths. */
        String baseUrl();

        /**
         * Hosts, besides the base URL's own, that the provider may name in a polling or result URL: exact names, or
         * {@code *.example.com} for its subdomains. Any other host is refused (no request leaves for it).
         */
        Optional<List<String>> allowedHosts();

        @WithDefault("10s")
        Duration connectTimeout();

        /** One HTTP exchange, request sent to last byte of the answer. */
        @WithDefault("180s")
        Duration readTimeout();

        /** The whole job at this provider: every attempt, wait and poll. */
        @WithDefault("10m")
        Duration jobTimeout();

        /**
         * Attempts of one call, the first included; only timeouts, connection failures and the answers the provider's
         * retry rule calls transient (OpenAiRetry, GeminiRetry, BflRetry) are retried.
         */
        @WithDefault("4")
        int maxAttempts();

        /** First retry delay; it doubles per attempt up to {@link #backoffMax()}, with jitter; Retry-After wins when longer. */
        @WithDefault("1s")
        Duration backoffBase();

        @WithDefault("30s")
        Duration backoffMax();

        /** Bulkhead: calls (for BFL: tasks, submit to download) in flight at once with this provider's key. */
        @WithDefault("8")
        int concurrency();

        /** Consecutive provider-side failures (5xx, timeouts) that open the circuit. */
        @WithDefault("5")
        int breakerFailures();

        /** How long an open circuit refuses calls before it lets one through to try. */
        @WithDefault("30s")
        Duration breakerOpenFor();

        /** Asynchronous providers (BFL): the first pause between polls; it grows by half per poll up to the max. */
        @WithDefault("500ms")
        Duration pollInterval();

        @WithDefault("5s")
        Duration pollMaxInterval();

        /**
         * Asynchronous providers (BFL): the least of the job's time that must be left for a new task to be submitted.
         * A task is paid when submitted and polled only until the job's deadline, so one submitted with less (its lane
         * and slot waits took the rest) would likely be paid and never fetched: the call fails {@code provider_unavailable}
         * instead, nothing submitted. A task already submitted is polled whatever is left. 0: always submit.
         */
        @WithDefault("0s")
        Duration submitMinTime();
    }

    /**
     * Gemini's key as Google's libraries read it (ai.google.dev/gemini-api/docs/api-key): {@code GOOGLE_API_KEY} or
     * {@code GEMINI_API_KEY} ({@link #apiKey()}), and when both are set {@code GOOGLE_API_KEY} "takes precedence"; a blank
     * one counts as unset.
     */
    interface Gemini extends Provider {
        Optional<String> googleApiKey();
    }

    /**
     * OpenAI's optional account headers, as openai-python reads them ({@code OPENAI_ORG_ID}, {@code OPENAI_PROJECT_ID}):
     * sent as {@code OpenAI-Organization} and {@code OpenAI-Project} when set, so a key of several organizations or
     * projects bills the one named. Never logged; a line break or control character refuses the start (OpenAiAccount).
     */
    interface OpenAi extends Provider {
        Optional<String> organization();

        Optional<String> project();

        /**
         * The key of the opaque per-tenant {@code user} sent with each Images call (EndUserIds); unset: the API key.
         * Set it (any long random string, kept like a key) so OpenAI, which holds the API key, cannot test guessed
         * tenant ids against it.
         */
        Optional<String> endUserSecret();
    }
}
