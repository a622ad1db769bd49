package io.realskin.generation.provider.openai;

import io.realskin.generation.provider.ProviderAnswer;
import io.realskin.generation.provider.ProviderFailure;
import io.realskin.generation.provider.RetryAfter;

/**
 * Whether an OpenAI error answer is tried again, as OpenAI's own SDK decides it (openai-python
 * {@code src/openai/_base_client.py}, {@code _should_retry}): the answer's {@code x-should-retry} header first, exactly
 * {@code true} or {@code false}, whatever the status; without it 408, 409, 429 and every 5xx. On top of the SDK, a
 * billing stop (OpenAiErrors.BILLING) is never retried without the header: the error codes guide says waiting does
 * not restore access. The header wins over that too, and over an invalid request: the server knows better than the
 * code of its body; but not over an {@code image_generation_user_error}, which the image-generation guide says not to
 * retry unchanged. Attempts, backoff and the deadline stay the guard's; the FAILED code stays the one of the status.
 */
final class OpenAiRetry {
    static final String SHOULD_RETRY = "x-should-retry";

    private OpenAiRetry() {
    }

    /**
     * The failure the answer means, retried or not; a retry waits at least what {@code retry-after(-ms)} asks. A user
     * error ({@code image_generation_user_error}) is never retried, the header notwithstanding: the image-generation guide
     * says not to retry it automatically without changing the prompt or the input images.
     */
    static ProviderFailure decide(ProviderFailure failure, ProviderAnswer answer, boolean billing, boolean userError) {
        String header = answer.header(SHOULD_RETRY);
        if ("false".equals(header)) {
            return failure.exhausted(SHOULD_RETRY + ": false");
        }
        if (userError) {
            return failure.retry(false, null);
        }
        boolean again = "true".equals(header) || !billing && retriedStatus(answer.status());
        return failure.retry(again, again ? RetryAfter.of(answer.headers()) : null);
    }

    /** The statuses the SDK retries when the answer has no {@code x-should-retry}. */
    static boolean retriedStatus(int status) {
        return status == 408 || status == 409 || status == 429 || status >= 500;
    }
}
