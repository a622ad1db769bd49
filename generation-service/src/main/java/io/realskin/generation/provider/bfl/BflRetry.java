package io.realskin.generation.provider.bfl;

/**
 * Which BFL answers are tried again, on every call of a task alike (submit, poll, sample download): the transient ones
 * of BFL's error reference (docs.bfl.ai/api_integration/errors; help.bfl.ai "Why did my request fail?": 429 "You
 * exceeded your concurrency limit ... retry once a previous task finishes", 500 "retry with exponential backoff", 503
 * "wait a few moments and retry"), with the other 5xx of its front (502, 504) and 408 taken as those; 402 (out of
 * credits), 401/403, 404, 422 and the rest are final. A task's own end ({@code Error}, {@code Failed}) is BflImages'.
 */
final class BflRetry {
    private BflRetry() {
    }

    static boolean retries(int status) {
        return status == 429 || status == 408 || status >= 500;
    }
}
