package io.realskin.generation.provider.gemini;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.realskin.contracts.FailureCodes;
import io.realskin.generation.provider.AdapterContract;
import io.realskin.generation.provider.ContractCalls;
import io.realskin.generation.provider.ImageProvider;
import io.realskin.generation.provider.ProviderCall;
import io.realskin.generation.provider.ProviderFailure;
import io.realskin.generation.provider.ProviderHttp;
import io.realskin.generation.provider.ProviderImage;
import io.realskin.generation.provider.ProviderSettings;
import io.realskin.generation.stub.GeminiStub;
import io.realskin.generation.stub.StubImages;
import io.realskin.generation.stub.StubServer;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The Gemini adapter against a stub that answers as the Gemini API's image-generation guide documents. */
class GeminiImagesContractTest extends AdapterContract {
    private static final String KEY = "AIzaTest-4Qm8Zr2Kx7Lp1Vn6Bt3";
    private static final GeminiStub STUB = new GeminiStub(KEY);

    @Override
    protected StubServer stub() {
        return STUB;
    }

    @Override
    protected ProviderSettings stubSettings() {
        return ContractCalls.settings("google", KEY, STUB.baseUrl());
    }

    @Override
    protected ImageProvider adapter(ProviderHttp http) {
        return new GeminiImages(http);
    }

    @AfterAll
    static void stop() {
        STUB.close();
    }
    @Test
    void thePromptAndReferencesGoAsPartsWithResponseModalitiesAndImageConfig() {
        byte[] reference = StubImages.synthetic(300, 400, "jpg");
        call(ContractCalls.withReferences("gemini-3-pro-image", 900, 1200,
                List.of(new ProviderCall.Reference(reference, "image/jpeg", 0.5))));

        StubServer.Request sent = STUB.requests().get(0);
        assertEquals("POST", sent.method());
        assertEquals("/v1beta/models/gemini-3-pro-image:generateContent", sent.path());
        assertEquals(KEY, sent.header("x-goog-api-key"));
        assertNull(sent.query(), "the key travels in the header, never in the URL");
        JsonNode parts = sent.json().path("contents").path(0).path("parts");
        assertTrue(parts.path(0).path("text").asText().contains("unretouched"));
        assertTrue(parts.path(0).path("text").asText().contains("match the skin texture, not the identity"));
        JsonNode inline = parts.path(1).path("inline_data");
        assertEquals("image/jpeg", inline.path("mime_type").asText());
        assertArrayEquals(reference, Base64.getDecoder().decode(inline.path("data").asText()));
        JsonNode config = sent.json().path("generationConfig");
        assertEquals("[\"TEXT\",\"IMAGE\"]", config.path("responseModalities").toString());
        assertEquals("3:4", config.path("imageConfig").path("aspectRatio").asText());
        assertEquals("1K", config.path("imageConfig").path("imageSize").asText());
        assertEquals(7, config.path("seed").asInt());
    }

    /**
     * Gemini takes at most 20 MB of request inline ("If your total request, including files and instructions, exceeds
     * 20MB, you should use the File API"): references whose request would be larger fail {@code too_large} before
     * anything is sent, not retried; 14 MiB of references, the stored cap, still go (19.6 MB of base64). Before, the
     * request was sent and Gemini's 400 made the job {@code provider_rejected}.
     */
    @Test
    void referencesOverGeminisInlineRequestLimitFailTooLargeWithoutACall() {
        byte[] big = new byte[16_000_000]; // 21.3 MB of base64
        ProviderFailure f = failure(ContractCalls.withReferences("gemini-3-pro-image", 1024, 1024,
                List.of(new ProviderCall.Reference(big, "image/jpeg", 0.5))));
        assertEquals(FailureCodes.TOO_LARGE, f.code(), f.getMessage());
        assertFalse(f.retryable());
        assertTrue(f.getMessage().contains("20 MB"), f.getMessage());
        assertTrue(STUB.requests().isEmpty(), "nothing sent");

        byte[] atTheCap = new byte[14 * 1024 * 1024];
        call(ContractCalls.withReferences("gemini-3-pro-image", 1024, 1024,
                List.of(new ProviderCall.Reference(atTheCap, "image/jpeg", 0.5))));
        assertEquals(1, STUB.requests().size());
    }

    /**
     * Gemini's seed is an int32 (google-genai's {@code GenerationConfig.seed(Integer)}): the int32 range goes as it is,
     * a seed beyond it fails {@code bad_request} before anything is sent. Before, it went cut to its low 32 bits
     * (2^31 as -2^31), a different seed than the one asked for, without a word.
     */
    @Test
    void aSeedBeyondGeminisInt32FailsBadRequestAndOneWithinGoesAsItIs() {
        for (long seed : new long[] {Integer.MAX_VALUE, Integer.MIN_VALUE}) {
            call(new ProviderCall("gemini-3-pro-image", "p", 1024, 1024, List.of(), null, seed, "png"));
            assertEquals(seed, STUB.requests().get(STUB.requests().size() - 1).json().path("generationConfig").path("seed").asLong());
        }
        int sent = STUB.requests().size();
        for (long seed : new long[] {1L << 31, -(1L << 31) - 1, Long.MAX_VALUE}) {
            ProviderFailure f = failure(new ProviderCall("gemini-3-pro-image", "p", 1024, 1024, List.of(), null, seed, "png"));
            assertEquals(FailureCodes.BAD_REQUEST, f.code(), seed + ": " + f.getMessage());
            assertTrue(f.getMessage().contains("seed"), f.getMessage());
        }
        assertEquals(sent, STUB.requests().size(), "nothing sent");
    }

    @Test
    void theImageIsTheLastPartThatIsNotAThought() {
        ProviderImage image = call(ContractCalls.generate("gemini-3-pro-image", 2048, 2048));
        assertArrayEquals(new int[] {2048, 2048}, StubImages.size(image.bytes()), "the final image, not the 256 px thought image");
        assertEquals("2K", STUB.requests().get(0).json().path("generationConfig").path("imageConfig").path("imageSize").asText());
        assertFalse(image.requestId().isEmpty(), "responseId is the call's id");
    }

    @Test
    void aSnakeCaseInlineDataPartIsReadAsTheCamelCaseOne() {
        // the API's JSON accepts either form of a field name; an answer written as inline_data {mime_type, data} is the same
        byte[] png = StubImages.synthetic(1024, 1024, "png");
        STUB.script(":generateContent", r -> StubServer.Answer.json(200, "{\"responseId\":\"r-1\",\"candidates\":[{\"index\":0,"
                + "\"finishReason\":\"STOP\",\"content\":{\"parts\":[{\"inline_data\":{\"data\":\""
                + Base64.getEncoder().encodeToString(png) + "\",\"mime_type\":\"image/png\"}}],\"role\":\"model\"}}]}"));
        ProviderImage image = call(ContractCalls.generate("gemini-3.1-flash-image", 1024, 1024));
        assertArrayEquals(png, image.bytes());
        assertEquals("r-1", image.requestId());
    }

    /**
     * gemini-3.1-flash-image, the model the id gemini-2.5-flash-image sends since Google shut gemini-2.5-flash-image down,
     * takes {@code imageSize} as Gemini 3 Pro Image does (gemini-2.5-flash-image made about 1 MP whatever was asked).
     */
    @Test
    void flashImageTakesImageSize() {
        ProviderImage image = call(ContractCalls.generate("gemini-3.1-flash-image", 2048, 2048));
        assertEquals("2K", STUB.requests().get(0).json().path("generationConfig").path("imageConfig").path("imageSize").asText());
        assertArrayEquals(new int[] {2048, 2048}, StubImages.size(image.bytes()));
        assertArrayEquals(new int[] {1264, 848}, StubImages.size(call(ContractCalls.generate("gemini-3.1-flash-image", 1200, 800)).bytes()));
    }

    /**
     * A model name Google does not serve (shut down, as gemini-3-pro-image-preview was on 2026-06-25) is its 404
     * NOT_FOUND: {@code provider_model_missing}, naming the fix for the operator, not {@code provider_rejected}, which
     * tells the tenant to change the prompt; sent once (no wait brings the model back), the breaker not fed.
     */
    @Test
    void aModelGoogleNoLongerServesIsProviderModelMissingNotARejectedPrompt() {
        ProviderFailure f = failure(ContractCalls.generate("gemini-3-pro-image-preview", 1024, 1024));
        assertEquals(FailureCodes.PROVIDER_MODEL_MISSING, f.code());
        assertTrue(f.getMessage().contains("HTTP 404 NOT_FOUND") && f.getMessage().contains("models/gemini-3-pro-image-preview is not found")
                && f.getMessage().contains("realskin.providers.model-names"), f.getMessage());
        assertFalse(f.retryable());
        assertFalse(f.providerFault());
        assertEquals(1, STUB.requests().size());
    }

    @Test
    void aTextOnlyAnswerIsAFailureNeverASuccess() {
        STUB.script(":generateContent", r -> GeminiStub.textOnly("NO_IMAGE"));
        ProviderFailure noImage = failure(ContractCalls.generate("gemini-3-pro-image", 1024, 1024));
        assertEquals(FailureCodes.PROVIDER_REJECTED, noImage.code());
        assertTrue(noImage.getMessage().contains("NO_IMAGE"), noImage.getMessage());

        STUB.script(":generateContent", r -> GeminiStub.textOnly("IMAGE_SAFETY"));
        assertEquals(FailureCodes.CONTENT_MODERATED, failure(ContractCalls.generate("gemini-3-pro-image", 1024, 1024)).code());

        STUB.script(":generateContent", r -> GeminiStub.promptBlocked("PROHIBITED_CONTENT"));
        assertEquals(FailureCodes.CONTENT_MODERATED, failure(ContractCalls.generate("gemini-3-pro-image", 1024, 1024)).code());
        assertEquals(3, STUB.requests().size(), "none of them retried");
    }

    @Test
    void anImageWhoseCandidateWasStoppedIsNotTaken() {
        byte[] image = StubImages.synthetic(1024, 1024, "png");
        STUB.script(":generateContent", r -> GeminiStub.imageAnswer("gemini-3-pro-image", image, false, "IMAGE_SAFETY"));
        ProviderFailure unsafe = failure(ContractCalls.generate("gemini-3-pro-image", 1024, 1024));
        assertEquals(FailureCodes.CONTENT_MODERATED, unsafe.code(), "the model flagged the image it sent");
        assertTrue(unsafe.getMessage().contains("IMAGE_SAFETY"), unsafe.getMessage());

        STUB.script(":generateContent", r -> GeminiStub.imageAnswer("gemini-3-pro-image", image, false, "IMAGE_RECITATION"));
        assertEquals(FailureCodes.PROVIDER_REJECTED, failure(ContractCalls.generate("gemini-3-pro-image", 1024, 1024)).code());

        assertEquals(2, STUB.requests().size(), "none retried");
    }

    @Test
    void anImageIsTakenOnlyFromACandidateThatEndedStop() {
        // before: an image beside MAX_TOKENS, OTHER or LANGUAGE was taken, stored and billed, though the
        // FinishReason reference calls only STOP the model's natural stop point
        byte[] image = StubImages.synthetic(1024, 1024, "png");
        java.util.List<String> cutShort = java.util.Arrays.asList("MAX_TOKENS", "OTHER", "LANGUAGE", "FINISH_REASON_UNSPECIFIED",
                "MALFORMED_FUNCTION_CALL", "A_REASON_ADDED_LATER");
        for (String reason : cutShort) {
            STUB.reset();
            STUB.script(":generateContent", r -> GeminiStub.imageAnswer("gemini-3-pro-image", image, false, reason));
            ProviderFailure f = failure(ContractCalls.generate("gemini-3-pro-image", 1024, 1024));
            assertEquals(FailureCodes.PROVIDER_REJECTED, f.code(), reason + ": " + f.getMessage());
            assertTrue(f.getMessage().contains("finishReason " + reason), f.getMessage());
            assertEquals(1, STUB.requests().size(), reason + ": not retried");
        }
        for (String whole : java.util.Arrays.asList("STOP", null)) { // none: a shortened answer, whose image is whole
            STUB.reset();
            STUB.script(":generateContent", r -> GeminiStub.imageAnswer("gemini-3-pro-image", image, false, whole));
            assertArrayEquals(image, call(ContractCalls.generate("gemini-3-pro-image", 1024, 1024)).bytes(), whole);
        }
    }

    @Test
    void anInvalidKeyIsProviderAuth() {
        settings = ContractCalls.settings("google", "AIza-wrong", STUB.baseUrl());
        ProviderFailure f = failure(ContractCalls.generate("gemini-3-pro-image", 1024, 1024));
        assertEquals(FailureCodes.PROVIDER_AUTH, f.code());
        assertEquals("gemini: the provider refused this deployment's credentials (HTTP 400); an operator must check its API key",
                f.getMessage());
        assertTrue(f.logDetail().contains("API_KEY_INVALID"), f.logDetail());
        assertEquals(1, STUB.requests().size());
    }

    @Test
    void resourceExhaustedWaitsForItsRetryDelay() {
        STUB.script(":generateContent", r -> GeminiStub.resourceExhausted("2s"));
        call(ContractCalls.generate("gemini-3-pro-image", 1024, 1024));
        assertEquals(2, STUB.requests().size());
        assertTrue(pauser.pauses.get(0).compareTo(Duration.ofSeconds(2)) >= 0, "RetryInfo.retryDelay honoured: " + pauser.pauses);
    }

    @Test
    void aPerDayQuotaIsProviderQuotaAtOnceNotAWaitForItsRetryDelay() {
        STUB.always(":generateContent", r -> GeminiStub.dailyQuotaExhausted("gemini-3-pro-image"));
        ProviderFailure f = failure(ContractCalls.generate("gemini-3-pro-image", 1024, 1024));
        assertEquals(FailureCodes.PROVIDER_QUOTA, f.code());
        assertFalse(f.retryable());
        assertEquals(1, STUB.requests().size(), "a day's quota does not come back within the job");
        assertTrue(pauser.pauses.isEmpty());
    }

    /**
     * A 429 without RetryInfo whose message is a billing stop (prepay credits depleted, a spending cap reached) is
     * {@code provider_quota} at once, as is the 402 Google now sends for depleted credits: no wait brings credits back.
     * Before, such a 429 was retried as a rate limit up to {@code max-attempts}. A bare "Resource has been exhausted"
     * 429 without details stays a rate limit, retried.
     */
    @Test
    void aBillingStopIsProviderQuotaAtOnceNotARateLimit() {
        for (Object[] stop : new Object[][] {{429, GeminiStub.CREDITS_DEPLETED}, {429, GeminiStub.SPENDING_CAP},
                {402, GeminiStub.CREDITS_DEPLETED}}) {
            STUB.reset();
            pauser.pauses.clear();
            STUB.always(":generateContent", r -> GeminiStub.billingStop((int) stop[0], (String) stop[1]));
            ProviderFailure f = failure(ContractCalls.generate("gemini-3-pro-image", 1024, 1024));
            assertEquals(FailureCodes.PROVIDER_QUOTA, f.code(), f.getMessage());
            assertFalse(f.retryable(), f.getMessage());
            assertEquals(1, STUB.requests().size(), "not retried: " + f.getMessage());
            assertTrue(pauser.pauses.isEmpty());
        }
        STUB.reset();
        STUB.script(":generateContent", r -> GeminiStub.error(429, "RESOURCE_EXHAUSTED", "Resource has been exhausted (e.g. check quota)."));
        call(ContractCalls.generate("gemini-3-pro-image", 1024, 1024));
        assertEquals(2, STUB.requests().size(), "a plain 429 is a rate limit, tried again");
    }

    @Test
    void failedPreconditionIsProviderQuotaNotARejectedRequest() {
        STUB.always(":generateContent", r -> GeminiStub.failedPrecondition());
        ProviderFailure f = failure(ContractCalls.generate("gemini-3-pro-image", 1024, 1024));
        assertEquals(FailureCodes.PROVIDER_QUOTA, f.code(), "billing must be enabled: any model of another provider may do (fallback)");
        assertTrue(f.getMessage().contains("FAILED_PRECONDITION"), f.getMessage());
        assertEquals(1, STUB.requests().size());
    }

    @Test
    void twoUnavailablesThenSuccess() {
        STUB.script(":generateContent", r -> GeminiStub.unavailable(), r -> GeminiStub.unavailable());
        call(ContractCalls.generate("gemini-3-pro-image", 1024, 1024));
        assertEquals(3, STUB.requests().size());
    }

    @Test
    void aSlowAnswerTimesOut() {
        StubImages.synthetic(1024, 1024, "png");
        settings = settings.withTimeouts(Duration.ofMillis(1500), Duration.ofSeconds(30)).withRetries(1, Duration.ofMillis(10),
                Duration.ofMillis(10));
        STUB.script(":generateContent", r -> GeminiStub.unavailable().after(Duration.ofMillis(5000)));
        ProviderFailure f = failure(ContractCalls.generate("gemini-3-pro-image", 1024, 1024));
        assertEquals(FailureCodes.PROVIDER_UNAVAILABLE, f.code());
        assertTrue(f.getMessage().contains("within 1500 ms"), f.getMessage());
    }

    /**
     * A generateContent that left and got no whole answer (here a read timeout a deployment lowered; a connection lost
     * mid-answer alike) is not sent again: Gemini may have made, and billed, the image whose answer was lost, and
     * Google's own client never resends such a request (googleapis/python-genai {@code google/genai/_api_client.py},
     * {@code retry_args}: it retries only "isinstance(e, errors.APIError) and e.code in retriable_codes", an HTTP answer
     * of 408, 429, 500, 502, 503 or 504; with no {@code retry_options} it "never retr[ies]"). Until 2026-12-07 it was
     * sent up to {@code max-attempts} times for one image. A connection that could not be made is still retried.
     */
    @Test
    void aGenerateContentThatGotNoAnswerIsNotSentAgain() {
        settings = settings.withTimeouts(Duration.ofMillis(500), Duration.ofSeconds(30));
        STUB.script(":generateContent", r -> GeminiStub.unavailable().after(Duration.ofMillis(3000)));
        ProviderFailure f = failure(ContractCalls.generate("gemini-3-pro-image", 1024, 1024));

        assertEquals(FailureCodes.PROVIDER_UNAVAILABLE, f.code(), f.getMessage());
        assertTrue(f.getMessage().contains("not sent again"), f.getMessage());
        assertEquals(1, STUB.requests().size(), "one request, whatever became of it");
        assertTrue(pauser.pauses.isEmpty(), "no retry: " + pauser.pauses);
    }

    @Test
    void imageConfigPicksTheNearestDocumentedAspect() {
        assertEquals(new GeminiImageConfig("16:9", "2K"), GeminiImageConfig.of("gemini-3-pro-image", 2560, 1440));
        assertEquals(new GeminiImageConfig("1:1", "1K"), GeminiImageConfig.of("gemini-3-pro-image", 1000, 1000));
        assertEquals(new GeminiImageConfig("21:9", "4K"), GeminiImageConfig.of("gemini-3-pro-image", 5000, 2100));
        assertEquals(new GeminiImageConfig("4:5", "1K"), GeminiImageConfig.of("gemini-3.1-flash-image", 800, 1000));
        assertEquals(new GeminiImageConfig("4:5", null), GeminiImageConfig.of("gemini-2.5-flash-image", 800, 1000),
                "a Gemini 2 name (a deployment's own, model-names) gets no imageSize, which it never took");
    }

    @Test
    void aNotImplementedIsFinalAndABadGatewayIsRetriedAsGooglesSdkDecides() {
        // google-genai _RETRY_HTTP_STATUS_CODES: 408, 429, 500, 502, 503, 504
        STUB.script(":generateContent", r -> GeminiStub.error(501, "NOT_IMPLEMENTED", "Method not implemented."));
        ProviderFailure f = failure(ContractCalls.generate("gemini-3-pro-image", 1024, 1024));
        assertEquals(FailureCodes.PROVIDER_UNAVAILABLE, f.code(), "the code of a 5xx stays");
        assertFalse(f.retryable());
        assertEquals(1, STUB.requests().size(), "a 501 is not retried");

        STUB.reset();
        STUB.script(":generateContent", r -> GeminiStub.error(502, "UNAVAILABLE", "Bad gateway."),
                r -> GeminiStub.error(408, "DEADLINE_EXCEEDED", "Request timed out."));
        call(ContractCalls.generate("gemini-3-pro-image", 1024, 1024));
        assertEquals(3, STUB.requests().size(), "a 502 and a 408 are retried");
    }

    @Test
    void anHtmlPageACutJsonOrARedirectToAnotherHostIsRejectedAndNotFollowed() {
        assertHostileAnswersAreRejected(":generateContent", ContractCalls.generate("gemini-3-pro-image", 1024, 1024));
    }

    @Test
    void aCandidateBlockedWithoutContentSaysWhyThroughItsFinishMessage() {
        String why = "Unable to show the generated image. The image was filtered out because it violated Google's policy.";
        STUB.script(":generateContent", r -> GeminiStub.blockedCandidate("IMAGE_SAFETY", why));
        ProviderFailure f = failure(ContractCalls.generate("gemini-3-pro-image", 1024, 1024));
        assertEquals(FailureCodes.CONTENT_MODERATED, f.code());
        assertTrue(f.getMessage().contains("IMAGE_SAFETY") && f.getMessage().contains("The image was filtered out"), f.getMessage());

        STUB.script(":generateContent", r -> GeminiStub.blockedCandidate("IMAGE_OTHER", "Image generation stopped: key " + KEY));
        ProviderFailure other = failure(ContractCalls.generate("gemini-3-pro-image", 1024, 1024));
        assertEquals(FailureCodes.PROVIDER_REJECTED, other.code());
        assertTrue(other.getMessage().contains("Image generation stopped: key ***"), "said, and redacted: " + other.getMessage());
    }

    @Test
    void aServerErrorThatIsAnHtmlPageIsRetriedAndToldByItsTitle() {
        // before: the message carried the page's first 300 characters of markup
        assertAnHtmlServerErrorIsRetriedAndToldByItsTitle(":generateContent", ContractCalls.generate("gemini-3-pro-image", 1024, 1024));
    }
}
