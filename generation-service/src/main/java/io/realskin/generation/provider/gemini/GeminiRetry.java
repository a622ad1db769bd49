package io.realskin.generation.provider.gemini;

import java.util.Set;

/**
 * Which Gemini API error answers are tried again: the statuses Google's own SDK retries (googleapis/python-genai
 * {@code google/genai/_api_client.py}, {@code _RETRY_HTTP_STATUS_CODES}, after Google Cloud's retry strategy): 408,
 * 429, 500, 502, 503 and 504; the troubleshooting page's table agrees (429 {@code RESOURCE_EXHAUSTED}, 500
 * {@code INTERNAL}, 503 {@code UNAVAILABLE}, 504 {@code DEADLINE_EXCEEDED}). Any other 5xx (501 {@code NOT_IMPLEMENTED})
 * and every other 4xx is final. On top of the SDK, a 429 on a per-day quota is not retried (GeminiErrors). The SDK
 * waits by its backoff alone; we also honour {@code RetryInfo.retryDelay} (or a {@code Retry-After}) when longer.
 */
final class GeminiRetry {
    static final Set<Integer> STATUSES = Set.of(408, 429, 500, 502, 503, 504);

    private GeminiRetry() {
    }

    static boolean retries(int status) {
        return STATUSES.contains(status);
    }
}
