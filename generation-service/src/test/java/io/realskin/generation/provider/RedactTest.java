package io.realskin.generation.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

/**
 * {@link ProviderHttp#redact}: no part of a key survives in a text we pass on or log, whether the provider echoes our key
 * whole, masked as OpenAI does ("sk-PMafP****...E873": its first 8 and last 4 characters) or in part.
 */
class RedactTest {
    private static String redact(String provider, String key, String text) {
        return new ProviderHttp(ContractCalls.settings(provider, key, "http://127.0.0.1:9")).redact(text);
    }

    @Test
    void openAisMaskedEchoOfTheKeyLeavesNoFragment() {
        String key = "sk-proj-Vx81qR7tYz2LmN4bC9dF0gH3jK6pQ5sW8eA1SJh4";
        String said = "Incorrect API key provided: sk-proj-" + "*".repeat(36) + "SJh4. You can find your API key at "
                + "https://platform.openai.com/account/api-keys.";
        String told = redact("openai", key, said);
        assertFalse(told.contains("sk-proj-") || told.contains("SJh4"), told);
        assertEquals("Incorrect API key provided: ***. You can find your API key at https://platform.openai.com/account/api-keys.", told);
        // an older key without the sk- prefix, masked the same way; the ellipsis some clients print for the asterisks
        assertEquals("key ***.", redact("openai", key, "key D57rV0ys************************************Pp9p."));
        assertEquals("key ***.", redact("openai", key, "key sk-proj-****…SJh4."));
    }

    @Test
    void keyShapedTokensAreMaskedWhoeverKeyTheyAre() {
        // another deployment's key, or our key before a rotation: shaped like one, masked all the same
        assertEquals("a *** b", redact("openai", "sk-ours-0000000000000000", "a sk-proj-Ab3dEf6hIj9kLm2nOp5q b"));
        assertEquals("a *** b", redact("openai", "sk-ours-0000000000000000", "a sk-Ab3dEf6hIj9kLm2nOp5qRs8t b"));
        assertEquals("key=***", redact("google", "AIzaSyOurs000000000000000000000000000", "key=AIzaSyB3x-Fq9L_mK2pW8rT4vN6cD1eG7hJ0sU5"));
        assertEquals("x-key ***", redact("bfl", "bfl_ours00000000", "x-key bfl_4f9c2a7e81d34b6a9e0c5d7f2b8a1e36"));
    }

    @Test
    void aFragmentOfTheConfiguredKeyIsMasked() {
        String key = "5e1d7c3a-9f2b-4d6e-8a0c-1b2c3d4e5f60"; // BFL's older keys are UUIDs
        String told = redact("bfl", key, "key 5e1d7c3a-9f2b… not valid; key ending 1b2c3d4e5f60 unknown");
        assertFalse(told.contains("5e1d7c3a") || told.contains("1b2c3d4e5f60"), told);
    }

    @Test
    void ordinaryTextIsLeftAsItIs() {
        String text = "task-1234 of flux-2-pro: Task not found; request req_8f0c2a1b3c; HTTP 429 RESOURCE_EXHAUSTED";
        assertEquals(text, redact("bfl", "bfl_4f9c2a7e81d34b6a9e0c5d7f2b8a1e36", text));
    }

    /**
     * A provider's (or a proxy's) error text is written into the log line of the job's failure and its FAILED message:
     * a line break in it began a line of its own making (until 2026-12-07, a forged log line), an ESC sequence drove the
     * operator's terminal. Each run of control characters is one space.
     */
    @Test
    void controlCharactersAreOneSpaceSoTheTextStaysOnItsLine() {
        String said = "upstream failed\r\n2026-12-07 23:00:00,000 ERROR [io.rea.gen] (main) traceId= jobId= forged\u001b[31m red\u2028end";
        assertEquals("upstream failed 2026-12-07 23:00:00,000 ERROR [io.rea.gen] (main) traceId= jobId= forged [31m red end",
                redact("openai", "sk-ours-0000000000000000", said));
    }
}
