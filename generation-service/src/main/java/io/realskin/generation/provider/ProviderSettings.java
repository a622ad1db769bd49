package io.realskin.generation.provider;

import io.realskin.generation.config.ProvidersConfig;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One provider's settings as the adapters and the guard use them ({@link ProvidersConfig.Provider} resolved).
 * {@code headers}: sent on every call to the provider's API besides its key (OpenAI's account headers); never printed.
 * {@code submitMinTime}: an asynchronous provider's (BFL) least time left to the job's deadline for a new task to be
 * submitted ({@link ProvidersConfig.Provider#submitMinTime()}).
 */
public record ProviderSettings(String name, String apiKey, URI baseUrl, List<String> allowedHosts, Duration connectTimeout,
                               Duration readTimeout, Duration jobTimeout, int maxAttempts, Duration backoffBase,
                               Duration backoffMax, int concurrency, int breakerFailures, Duration breakerOpenFor,
                               Duration pollInterval, Duration pollMaxInterval, Map<String, String> headers,
                               Duration submitMinTime) {

    /**
     * A key travels in a header: a character no header can carry (a secret file's trailing line break, most often) made
     * every call throw the JDK's "invalid header value" with the key in its text, which the job's log line printed. Such a
     * key now stops the start, naming the provider but never the value; spaces around it (no part of a header value,
     * RFC 9110 5.5) are dropped.
     */
    public ProviderSettings {
        apiKey = ApiKeys.clean(name, apiKey);
        if (submitMinTime.compareTo(jobTimeout) >= 0 && !submitMinTime.isZero()) {
            // no job could ever submit: refused at start-up rather than failing every job
            throw new IllegalArgumentException("realskin.providers." + name + ".submit-min-time (" + submitMinTime
                    + ") must be shorter than its job-timeout (" + jobTimeout + ")");
        }
    }

    public static ProviderSettings of(String name, ProvidersConfig.Provider p) {
        return of(name, p, Optional.empty());
    }

    /** With {@code keyFirst}, when set and not blank, as the key instead of {@code p}'s (Gemini's GOOGLE_API_KEY). */
    public static ProviderSettings of(String name, ProvidersConfig.Provider p, Optional<String> keyFirst) {
        String key = keyFirst.filter(k -> !k.isBlank()).or(() -> p.apiKey().filter(k -> !k.isBlank())).orElse(null);
        return new ProviderSettings(name, key, base(p.baseUrl()),
                p.allowedHosts().orElse(List.of()), p.connectTimeout(), p.readTimeout(), p.jobTimeout(), Math.max(1, p.maxAttempts()),
                p.backoffBase(), p.backoffMax(), Math.max(1, p.concurrency()), Math.max(1, p.breakerFailures()), p.breakerOpenFor(),
                p.pollInterval(), p.pollMaxInterval(), Map.of(), p.submitMinTime());
    }

    /** The defaults of application.properties, for one provider at {@code baseUrl}. */
    public static ProviderSettings defaults(String name, String apiKey, String baseUrl) {
        return new ProviderSettings(name, apiKey, base(baseUrl), List.of(), Duration.ofSeconds(10), Duration.ofSeconds(180),
                Duration.ofMinutes(10), 4, Duration.ofSeconds(1), Duration.ofSeconds(30), 8, 5, Duration.ofSeconds(30),
                Duration.ofMillis(500), Duration.ofSeconds(5), Map.of(), Duration.ZERO);
    }

    public ProviderSettings withTimeouts(Duration read, Duration job) {
        return new ProviderSettings(name, apiKey, baseUrl, allowedHosts, connectTimeout, read, job, maxAttempts, backoffBase,
                backoffMax, concurrency, breakerFailures, breakerOpenFor, pollInterval, pollMaxInterval, headers, submitMinTime);
    }

    public ProviderSettings withRetries(int attempts, Duration base, Duration max) {
        return new ProviderSettings(name, apiKey, baseUrl, allowedHosts, connectTimeout, readTimeout, jobTimeout, attempts, base,
                max, concurrency, breakerFailures, breakerOpenFor, pollInterval, pollMaxInterval, headers, submitMinTime);
    }

    public ProviderSettings withPolling(Duration interval, Duration max, List<String> hosts) {
        return new ProviderSettings(name, apiKey, baseUrl, hosts, connectTimeout, readTimeout, jobTimeout, maxAttempts, backoffBase,
                backoffMax, concurrency, breakerFailures, breakerOpenFor, interval, max, headers, submitMinTime);
    }

    public ProviderSettings withBreaker(int failures, Duration openFor, int slots) {
        return new ProviderSettings(name, apiKey, baseUrl, allowedHosts, connectTimeout, readTimeout, jobTimeout, maxAttempts,
                backoffBase, backoffMax, slots, failures, openFor, pollInterval, pollMaxInterval, headers, submitMinTime);
    }

    public ProviderSettings withHeaders(Map<String, String> sent) {
        return new ProviderSettings(name, apiKey, baseUrl, allowedHosts, connectTimeout, readTimeout, jobTimeout, maxAttempts,
                backoffBase, backoffMax, concurrency, breakerFailures, breakerOpenFor, pollInterval, pollMaxInterval, Map.copyOf(sent),
                submitMinTime);
    }

    public ProviderSettings withSubmitMinTime(Duration least) {
        return new ProviderSettings(name, apiKey, baseUrl, allowedHosts, connectTimeout, readTimeout, jobTimeout, maxAttempts,
                backoffBase, backoffMax, concurrency, breakerFailures, breakerOpenFor, pollInterval, pollMaxInterval, headers, least);
    }

    public boolean configured() {
        return apiKey != null;
    }

    /** The base URL with any trailing slash removed, so the adapter can append its documented paths. */
    public String base() {
        String s = baseUrl.toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    /** Never prints the key. */
    @Override
    public String toString() {
        return "ProviderSettings[" + name + ", " + baseUrl + ", key " + (configured() ? "set" : "not set") + "]";
    }

    private static URI base(String url) {
        URI uri = URI.create(url.trim());
        if (uri.getHost() == null || !(uri.getScheme().equals("https") || uri.getScheme().equals("http"))) {
            throw new IllegalArgumentException("a provider base URL must be an http(s) URL with a host: " + url);
        }
        return uri;
    }
}
