package io.realskin.generation.provider.openai;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.realskin.contracts.FailureCodes;
import io.realskin.contracts.GenerationRequest;
import io.realskin.generation.provider.AdapterContract;
import io.realskin.generation.provider.ContractCalls;
import io.realskin.generation.provider.ImageProvider;
import io.realskin.generation.provider.ProviderCall;
import io.realskin.generation.provider.ProviderFailure;
import io.realskin.generation.provider.ProviderHttp;
import io.realskin.generation.provider.ProviderImage;
import io.realskin.generation.provider.ProviderSettings;
import io.realskin.generation.stub.FormData;
import io.realskin.generation.stub.OpenAiStub;
import io.realskin.generation.stub.StubImages;
import io.realskin.generation.stub.StubServer;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The OpenAI adapter against a stub that answers as the Images API reference documents (docs/generation.md,
 * "Contract tests" lists the documented behaviour behind each case).
 */
class OpenAiImagesContractTest extends AdapterContract {
    private static final String KEY = "sk-test-7f3a9c2e1b5d4f6a8c0e";
    private static final OpenAiStub STUB = new OpenAiStub(KEY);

    @Override
    protected StubServer stub() {
        return STUB;
    }

    @Override
    protected ProviderSettings stubSettings() {
        return ContractCalls.settings("openai", KEY, STUB.baseUrl());
    }

    @Override
    protected ImageProvider adapter(ProviderHttp http) {
        return new OpenAiImages(http);
    }

    @AfterAll
    static void stop() {
        STUB.close();
    }
    @Test
    void aPromptGoesToGenerationsWithModelSizeAndBearerKey() {
        ProviderImage image = call(ContractCalls.generate("gpt-image-2", 1536, 1024));

        StubServer.Request sent = STUB.requests().get(0);
        assertEquals("POST", sent.method());
        assertEquals("/v1/images/generations", sent.path());
        assertEquals("Bearer " + KEY, sent.header("authorization"));
        JsonNode body = sent.json();
        assertEquals("gpt-image-2", body.path("model").asText(), "model is always sent (the endpoint would fall back to dall-e-2)");
        assertEquals("1536x1024", body.path("size").asText());
        assertEquals(1, body.path("n").asInt());
        assertEquals("jpeg", body.path("output_format").asText());
        assertEquals(95, body.path("output_compression").asInt(), "JPEG quality 95: pores survive the provider's encoder");
        assertTrue(body.path("prompt").asText().contains("visible pores"));
        assertFalse(body.has("response_format"), "GPT image models always answer b64_json; response_format is dall-e only");
        assertArrayEquals(new int[] {1536, 1024}, StubImages.size(image.bytes()));
        assertEquals(0xFF, image.bytes()[0] & 0xFF, "the JPEG asked for");
        assertTrue(image.requestId().startsWith("req_"), "the x-request-id header is the call's id: " + image.requestId());
    }

    private static String hmacHex32(String key, String tenant) throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(key.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
        return java.util.HexFormat.of().formatHex(mac.doFinal(tenant.getBytes(java.nio.charset.StandardCharsets.UTF_8)), 0, 16);
    }

    private void createFor(String tenant, ProviderCall call) {
        new OpenAiImages(new ProviderHttp(settings)).create(call, new io.realskin.generation.provider.CallContext(
                System.nanoTime() + Duration.ofSeconds(30).toNanos(), io.realskin.generation.provider.ProgressListener.NONE,
                io.realskin.generation.provider.TaskJournal.NONE, () -> false, tenant));
    }

    /**
     * The Images API takes {@code user} on generations and edits ("A unique identifier representing your end-user, which
     * can help OpenAI to monitor and detect abuse"): each call carries one per tenant, the same for the same tenant, an
     * HMAC that names no tenant, so a tenant's moderation hits are its own and not the whole organization's. Before, no
     * call carried one.
     */
    @Test
    void eachCallCarriesAStableOpaqueUserPerTenant() throws Exception {
        createFor("acme", ContractCalls.generate("gpt-image-2", 1024, 1024));
        createFor("acme", ContractCalls.withReferences("gpt-image-2", 1024, 1024,
                List.of(new ProviderCall.Reference(StubImages.synthetic(64, 64, "png"), "image/png", 0.5))));
        createFor("globex", ContractCalls.generate("gpt-image-2", 1024, 1024));
        String generations = STUB.requests().get(0).json().path("user").asText();
        String edits = STUB.requests().get(1).form().stream().filter(p -> p.name().equals("user")).map(FormData.Part::text)
                .findFirst().orElse("");
        String other = STUB.requests().get(2).json().path("user").asText();
        assertEquals("rs-" + hmacHex32(KEY, "acme"), generations, "keyed by the API key when no end-user secret is set");
        assertEquals(generations, edits, "the same tenant, the same user, on either endpoint");
        assertFalse(other.equals(generations), "another tenant, another user");
        assertFalse(generations.contains("acme"));

        new OpenAiImages(new ProviderHttp(settings), Optional.of("end-user-secret-7Qk2")).create(ContractCalls.generate("gpt-image-2",
                1024, 1024), new io.realskin.generation.provider.CallContext(System.nanoTime() + Duration.ofSeconds(30).toNanos(),
                io.realskin.generation.provider.ProgressListener.NONE, io.realskin.generation.provider.TaskJournal.NONE, () -> false, "acme"));
        assertEquals("rs-" + hmacHex32("end-user-secret-7Qk2", "acme"), STUB.requests().get(3).json().path("user").asText(),
                "keyed by realskin.providers.openai.end-user-secret when set");
    }

    @Test
    void theOrganizationAndProjectTravelInTheirHeadersOnlyWhenSet() {
        call(ContractCalls.generate("gpt-image-2", 1024, 1024));
        assertNull(STUB.requests().get(0).header("openai-organization"), "unset: the key's default organization");
        assertNull(STUB.requests().get(0).header("openai-project"));

        STUB.reset();
        settings = settings.withHeaders(OpenAiAccount.headers(Optional.of("org-4Yd2kqL8"), Optional.of("proj_8Hs3vB1x")));
        call(ContractCalls.withReferences("gpt-image-2", 1024, 1024,
                List.of(new ProviderCall.Reference(StubImages.synthetic(64, 64, "png"), "image/png", 0.5))));
        StubServer.Request sent = STUB.requests().get(0);
        assertEquals("/v1/images/edits", sent.path());
        assertEquals("org-4Yd2kqL8", sent.header("openai-organization"));
        assertEquals("proj_8Hs3vB1x", sent.header("openai-project"));
        assertEquals("Bearer " + KEY, sent.header("authorization"));
    }

    @Test
    void sizesFollowEachModelFamily() {
        assertEquals("1536x1024", OpenAiSizes.size("gpt-image-1", 1600, 900));
        assertEquals("1024x1536", OpenAiSizes.size("gpt-image-1-mini", 700, 1200));
        assertEquals("1024x1024", OpenAiSizes.size("gpt-image-1.5", 1000, 1000));
        assertEquals("1024x1024", OpenAiSizes.size("gpt-image-2", 1024, 1024));
        for (int[] wh : new int[][] {{1000, 1000}, {900, 1600}, {6000, 1000}, {100, 100}, {5000, 5000}, {3840, 2160}, {1234, 777},
                {600, 2200}, {2200, 600}, {65, 10754}, {16, 12000}}) {
            String[] size = OpenAiSizes.size("gpt-image-2", wh[0], wh[1]).split("x");
            int w = Integer.parseInt(size[0]);
            int h = Integer.parseInt(size[1]);
            assertEquals(0, w % 16, "width divisible by 16 for " + wh[0] + "x" + wh[1]);
            assertEquals(0, h % 16, "height divisible by 16 for " + wh[0] + "x" + wh[1]);
            assertTrue(Math.max(w, h) <= 3840 && (long) w * h <= 3840L * 2160 && (long) w * h >= 655_360, w + "x" + h);
            assertTrue((double) Math.max(w, h) / Math.min(w, h) <= 3.0, "aspect within 1:3..3:1: " + w + "x" + h);
        }
    }

    /**
     * The image-generation guide's gpt-image-2 sizes: edges multiples of 16, "Long edge to short edge ratio must not exceed
     * 3:1". Rounding each edge to 16 on its own took the ratio of a narrow image (an inpaint of a 600x2200 crop) past it,
     * 656x1984, and the API refused the call (400, provider_rejected). The stub refuses such a size as the guide says.
     */
    @Test
    void aNarrowImageGetsASizeWithinThreeToOneAfterRoundingToSixteen() {
        for (int[] wh : new int[][] {{600, 2200}, {2200, 600}, {600, 4200}, {1000, 3100}, {65, 10754}}) {
            STUB.reset();
            call(ContractCalls.generate("gpt-image-2", wh[0], wh[1]));
            String[] size = STUB.requests().get(0).json().path("size").asText().split("x");
            int w = Integer.parseInt(size[0]);
            int h = Integer.parseInt(size[1]);
            assertTrue(Math.max(w, h) <= 3 * Math.min(w, h), wh[0] + "x" + wh[1] + " went as " + w + "x" + h);
            assertEquals(wh[0] > wh[1], w > h, "the orientation is kept");
            assertEquals(1, STUB.requests().size(), "taken at once");
        }
    }

    @Test
    void severalReferencesGoToEditsAsImageArrayWithInputFidelity() {
        byte[] a = StubImages.synthetic(320, 400, "jpg");
        byte[] b = StubImages.synthetic(300, 300, "png");
        call(ContractCalls.withReferences("gpt-image-1.5", 1024, 1536, List.of(new ProviderCall.Reference(a, "image/jpeg", 0.6),
                new ProviderCall.Reference(b, "image/png", 0.4))));

        StubServer.Request sent = STUB.requests().get(0);
        assertEquals("/v1/images/edits", sent.path());
        assertTrue(sent.header("content-type").startsWith("multipart/form-data; boundary="));
        List<FormData.Part> form = sent.form();
        List<FormData.Part> images = form.stream().filter(p -> p.name().equals("image[]")).toList();
        assertEquals(2, images.size(), "several images are repeated image[] parts");
        assertArrayEquals(a, images.get(0).bytes());
        assertEquals("image/jpeg", images.get(0).contentType());
        assertArrayEquals(b, images.get(1).bytes());
        assertEquals("gpt-image-1.5", field(form, "model"));
        assertEquals("1024x1536", field(form, "size"));
        assertEquals("high", field(form, "input_fidelity"), "a mean weight of 0.5 asks for high input fidelity");
        String prompt = field(form, "prompt");
        assertTrue(prompt.contains("not the identity"), prompt);
        // each photograph's own weight, in the order attached (until 2026-12-08 both were told their mean, 0.50, "moderately")
        assertTrue(prompt.contains("photograph 1 (weight 0.60): match closely") && prompt.contains("photograph 2 (weight 0.40): match lightly"),
                prompt);
        assertTrue(form.stream().noneMatch(p -> p.name().equals("image")), "no bare image part beside image[]");
    }

    @Test
    void oneReferenceIsASingleImagePartAndMiniGetsNoInputFidelity() {
        byte[] a = StubImages.synthetic(320, 400, "jpg");
        call(ContractCalls.withReferences("gpt-image-1-mini", 1024, 1024, List.of(new ProviderCall.Reference(a, "image/jpeg", 0.4))));

        List<FormData.Part> form = STUB.requests().get(0).form();
        assertEquals(1, form.stream().filter(p -> p.name().equals("image")).count(), "one image is the image part");
        assertTrue(form.stream().noneMatch(p -> p.name().equals("image[]")));
        assertNull(field(form, "input_fidelity"), "gpt-image-1-mini does not take input_fidelity");
    }

    @Test
    void anInpaintSendsTheImageAndAnAlphaMaskOfItsSize() {
        byte[] image = StubImages.synthetic(640, 480, "png");
        byte[] mask = StubImages.synthetic(640, 480, "png"); // the adapter sends the mask it is given
        ProviderCall.Edit edit = new ProviderCall.Edit(image, "image/png", 640, 480, new byte[0], mask);
        call(new ProviderCall("gpt-image-1.5", "natural skin texture", 640, 480, List.of(), edit, null, GenerationRequest.PNG));

        List<FormData.Part> form = STUB.requests().get(0).form();
        assertArrayEquals(image, form.stream().filter(p -> p.name().equals("image")).findFirst().orElseThrow().bytes());
        FormData.Part sentMask = form.stream().filter(p -> p.name().equals("mask")).findFirst().orElseThrow();
        assertEquals("image/png", sentMask.contentType());
        assertArrayEquals(mask, sentMask.bytes());
        assertEquals("high", field(form, "input_fidelity"), "the unmasked face must stay as it is");
        assertEquals("png", field(form, "output_format"));
        assertNull(field(form, "output_compression"), "no quality for a PNG");
        BufferedImage decoded = StubImages.decode(sentMask.bytes());
        assertEquals(640, decoded.getWidth());
    }

    /**
     * The image-generation guide: "For gpt-image-2, omit this parameter [input_fidelity]; the API doesn't allow changing it
     * because the model processes every image input at high fidelity automatically". An edit or a reference generation
     * on gpt-image-2 that sent it was refused (400) by a stub written from the guide.
     */
    @Test
    void gptImage2GetsNoInputFidelityAsItsGuideSays() {
        byte[] image = StubImages.synthetic(640, 480, "png");
        ProviderCall.Edit edit = new ProviderCall.Edit(image, "image/png", 640, 480, new byte[0], StubImages.synthetic(640, 480, "png"));
        call(new ProviderCall("gpt-image-2", "natural skin texture", 640, 480, List.of(), edit, null, GenerationRequest.PNG));
        call(ContractCalls.withReferences("gpt-image-2", 1024, 1024,
                List.of(new ProviderCall.Reference(StubImages.synthetic(64, 64, "png"), "image/png", 0.6))));

        assertEquals(2, STUB.requests("/images/edits").size(), "each taken at the first attempt");
        for (StubServer.Request sent : STUB.requests("/images/edits")) {
            assertEquals("gpt-image-2", field(sent.form(), "model"));
            assertNull(field(sent.form(), "input_fidelity"), "gpt-image-2 keeps high fidelity by itself");
        }
    }

    /**
     * The image-generation guide's mask requirements: "The image to edit and mask must be of the same format", and the
     * mask is a PNG (the API reference). An edit whose image is not a PNG fails bad_request before anything is sent: the
     * service sends a PNG of the upload to a chain with an OpenAI model (GenerationFlowTest). Before, it went as JPEG and
     * a stub written from the guide refused it (400, provider_rejected).
     */
    @Test
    void anEditsImageMustBeAPngLikeItsMask() {
        byte[] jpeg = StubImages.synthetic(640, 480, "jpg");
        ProviderCall.Edit edit = new ProviderCall.Edit(jpeg, "image/jpeg", 640, 480, new byte[0], StubImages.synthetic(640, 480, "png"));
        ProviderFailure f = failure(new ProviderCall("gpt-image-2", "natural skin texture", 640, 480, List.of(), edit, null,
                GenerationRequest.PNG));
        assertEquals(FailureCodes.BAD_REQUEST, f.code(), f.getMessage());
        assertTrue(f.getMessage().contains("PNG"), f.getMessage());
        assertEquals(0, STUB.requests().size(), "nothing sent");
    }

    /** The API reference's limits of an edit, checked before anything is sent: the image under 50 MB, the mask under 4 MB. */
    @Test
    void anEditOverTheDocumentedImageOrMaskSizeFailsAsBadRequestWithoutACall() {
        byte[] image = StubImages.synthetic(640, 480, "png"), mask = StubImages.synthetic(640, 480, "png");
        byte[] bigMask = java.util.Arrays.copyOf(mask, OpenAiImages.MAX_MASK_BYTES);
        byte[] bigImage = java.util.Arrays.copyOf(image, OpenAiImages.MAX_IMAGE_BYTES);
        for (ProviderCall.Edit edit : List.of(new ProviderCall.Edit(image, "image/png", 640, 480, new byte[0], bigMask),
                new ProviderCall.Edit(bigImage, "image/png", 640, 480, new byte[0], mask))) {
            ProviderFailure f = failure(new ProviderCall("gpt-image-2", "natural skin texture", 640, 480, List.of(), edit, null,
                    GenerationRequest.PNG));
            assertEquals(FailureCodes.BAD_REQUEST, f.code());
            assertTrue(f.getMessage().contains(edit.image() == bigImage ? "under 50 MB" : "under 4 MB"), f.getMessage());
            assertEquals(0, STUB.requests().size(), "nothing sent");
        }
        ProviderCall.Edit justUnder = new ProviderCall.Edit(image, "image/png", 640, 480, new byte[0],
                java.util.Arrays.copyOf(mask, OpenAiImages.MAX_MASK_BYTES - 1));
        call(new ProviderCall("gpt-image-2", "natural skin texture", 640, 480, List.of(), justUnder, null, GenerationRequest.PNG));
        assertEquals(1, STUB.requests().size(), "a mask of 3,999,999 bytes is sent");
    }

    @Test
    void anAnswerWithOnlyTheRequiredFieldsInAnotherOrderAndUnknownOnesIsTaken() {
        // ImagesResponse: created is the only required field; data, usage, size, quality, ... are optional
        byte[] png = StubImages.synthetic(1024, 1024, "png");
        STUB.script("/images/generations", r -> StubServer.Answer.json(200, "{\"data\":[{\"b64_json\":\""
                + Base64.getEncoder().encodeToString(png) + "\",\"revised_prompt\":null}],\"created\":1733300000,"
                + "\"new_field\":{\"nested\":[1,2]}}"));
        ProviderImage image = call(ContractCalls.generate("gpt-image-2", 1024, 1024));
        assertArrayEquals(png, image.bytes());
        assertNull(image.requestId(), "no x-request-id header: no id, no failure");
    }

    @Test
    void aUrlInsteadOfB64JsonIsRefusedAsTheDocsGiveUrlsToDallEOnly() {
        STUB.script("/images/generations", r -> StubServer.Answer.json(200,
                "{\"created\":1733300000,\"data\":[{\"url\":\"https://oaidalleapiprodscus.blob.core.windows.net/x.png\"}]}"));
        ProviderFailure f = failure(ContractCalls.generate("gpt-image-2", 1024, 1024));
        assertEquals(FailureCodes.PROVIDER_REJECTED, f.code());
        assertTrue(f.getMessage().contains("b64_json"), f.getMessage());
        assertEquals(1, STUB.requests().size(), "nothing fetched, nothing retried");
    }

    /**
     * A reference of 50 MB or more as it would be sent (OpenAI's edits take each image "less than 50MB") fails
     * {@code too_large} before anything is sent, not retried. Before, it was sent and refused.
     */
    @Test
    void aReferenceOverOpenAisImageLimitFailsTooLargeWithoutACall() {
        ProviderFailure f = failure(ContractCalls.withReferences("gpt-image-2", 1024, 1024,
                List.of(new ProviderCall.Reference(new byte[50_000_000], "image/jpeg", 0.5))));
        assertEquals(FailureCodes.TOO_LARGE, f.code(), f.getMessage());
        assertFalse(f.retryable());
        assertTrue(STUB.requests().isEmpty(), "nothing sent");
    }

    @Test
    void aWrongKeyIsProviderAuthAndNotRetried() {
        settings = ContractCalls.settings("openai", "sk-wrongK7Qp2Xz9Lm4VbN8c", STUB.baseUrl());
        ProviderFailure f = failure(ContractCalls.generate("gpt-image-2", 1024, 1024));
        assertEquals(FailureCodes.PROVIDER_AUTH, f.code());
        // the stub echoes the key masked as OpenAI does (sk-wrong****N8c): none of it, nor OpenAI's text, is the tenant's
        assertEquals("openai: the provider refused this deployment's credentials (HTTP 401); an operator must check its API key",
                f.getMessage());
        assertTrue(f.logDetail().contains("invalid_api_key") && !f.logDetail().contains("sk-wrong") && !f.logDetail().contains("N8c"),
                f.logDetail());
        assertEquals(1, STUB.requests().size());
    }

    @Test
    void aRateLimitIsRetriedAfterWhatRetryAfterMsSays() {
        STUB.script("/images/generations", r -> OpenAiStub.rateLimited(1500));
        ProviderImage image = call(ContractCalls.generate("gpt-image-2", 1024, 1024));
        assertTrue(image.bytes().length > 0);
        assertEquals(2, STUB.requests().size());
        assertEquals(1, pauser.pauses.size());
        assertTrue(pauser.pauses.get(0).toMillis() >= 1500, "waited at least retry-after-ms: " + pauser.pauses);
    }

    @Test
    void insufficientQuotaIsNeverRetried() {
        STUB.script("/images/generations", r -> OpenAiStub.insufficientQuota());
        ProviderFailure f = failure(ContractCalls.generate("gpt-image-2", 1024, 1024));
        assertEquals(FailureCodes.PROVIDER_QUOTA, f.code());
        assertFalse(f.retryable());
        assertEquals(1, STUB.requests().size());
    }

    /**
     * A model name OpenAI has not for the key (retired, renamed, a deployment's typo in realskin.providers.model-names) is
     * its 404 {@code model_not_found}: "The model `X` does not exist or you do not have access to it." (the error body
     * as openai-python's NotFoundError carries it, quoted in github.com/jdmnk/codex-imagegen-cli/issues/18). It is
     * {@code provider_model_missing}, sent once, as Gemini's 404 for a model is; until 2026-12-07 it was
     * {@code provider_rejected}, which reads as the job's fault, pages no one and takes no fallback.
     */
    @Test
    void aModelOpenAiDoesNotHaveIsProviderModelMissingNotARejectedPrompt() {
        for (ProviderCall call : List.of(ContractCalls.generate("gpt-image-3-preview", 1024, 1024),
                ContractCalls.withReferences("gpt-image-3-preview", 1024, 1024,
                        List.of(new ProviderCall.Reference(StubImages.synthetic(64, 64, "png"), "image/png", 0.5))))) {
            STUB.reset();
            ProviderFailure f = failure(call);
            assertEquals(FailureCodes.PROVIDER_MODEL_MISSING, f.code(), f.getMessage());
            assertTrue(f.getMessage().contains("HTTP 404 model_not_found") && f.getMessage().contains("gpt-image-3-preview")
                    && f.getMessage().contains("realskin.providers.model-names"), f.getMessage());
            assertFalse(f.retryable());
            assertFalse(f.providerFault());
            assertEquals(1, STUB.requests().size(), "sent once");
        }
    }

    @Test
    void everyBillingCodeIsProviderQuotaAndNeverRetried() {
        // the error codes guide: read error.code, the type is only "still" insufficient_quota; an older stop is a 400
        for (String code : List.of("credit_balance_exhausted", "organization_spend_limit_exceeded", "project_spend_limit_exceeded",
                "organization_usage_limit_exceeded")) {
            STUB.reset();
            STUB.script("/images/generations", r -> OpenAiStub.error(429, "You exceeded your current quota, please check your plan "
                    + "and billing details.", null, null, code));
            ProviderFailure f = failure(ContractCalls.generate("gpt-image-2", 1024, 1024));
            assertEquals(FailureCodes.PROVIDER_QUOTA, f.code(), code);
            assertFalse(f.retryable(), code);
            assertEquals(1, STUB.requests().size(), code + " is not retried");
        }
        STUB.reset();
        STUB.script("/images/generations", r -> OpenAiStub.error(400, "Billing hard limit has been reached", "invalid_request_error",
                null, "billing_hard_limit_reached"));
        assertEquals(FailureCodes.PROVIDER_QUOTA, failure(ContractCalls.generate("gpt-image-2", 1024, 1024)).code());
    }

    @Test
    void xShouldRetryFalseStopsTheRetryOfARateLimit() {
        STUB.script("/images/generations", r -> OpenAiStub.rateLimited(500).withHeader("x-should-retry", "false"));
        ProviderFailure f = failure(ContractCalls.generate("gpt-image-2", 1024, 1024));
        assertEquals(FailureCodes.PROVIDER_QUOTA, f.code());
        assertEquals(1, STUB.requests().size(), "the server said not to retry");
        assertTrue(pauser.pauses.isEmpty());
    }

    @Test
    void xShouldRetryFalseStopsEvenAServerError() {
        // openai-python _should_retry: the header is read before the status
        STUB.script("/images/generations", r -> OpenAiStub.serverError().withHeader("x-should-retry", "false"));
        ProviderFailure f = failure(ContractCalls.generate("gpt-image-2", 1024, 1024));
        assertEquals(FailureCodes.PROVIDER_UNAVAILABLE, f.code(), "the code of the status stays");
        assertEquals(1, STUB.requests().size(), "the server said not to retry");
    }

    @Test
    void xShouldRetryTrueRetriesAStatusThatIsOtherwiseFinal() {
        STUB.script("/images/generations", r -> OpenAiStub.error(400, "The server is not ready for this request yet.",
                "invalid_request_error", null, null).withHeader("x-should-retry", "true").withHeader("retry-after-ms", "700"));
        ProviderImage image = call(ContractCalls.generate("gpt-image-2", 1024, 1024));
        assertTrue(image.bytes().length > 0);
        assertEquals(2, STUB.requests().size(), "the server said to retry the 400");
        assertTrue(pauser.pauses.get(0).toMillis() >= 700, "waited at least retry-after-ms: " + pauser.pauses);
    }

    @Test
    void xShouldRetryTrueRetriesEvenABillingStop() {
        STUB.script("/images/generations", r -> OpenAiStub.insufficientQuota().withHeader("x-should-retry", "true"));
        call(ContractCalls.generate("gpt-image-2", 1024, 1024));
        assertEquals(2, STUB.requests().size(), "the header wins over the billing code");
    }

    /**
     * The image-generation guide, "Handling blocked requests and other errors": failures of type
     * image_generation_user_error "require changing the request"; "Don't automatically retry these errors without
     * modifying the prompt or input images". Not even when x-should-retry says true: before, a moderation block with it was
     * sent again (and the same prompt's second answer taken).
     */
    @Test
    void anImageGenerationUserErrorIsNeverRetriedEvenWithXShouldRetryTrue() {
        STUB.script("/images/generations", r -> OpenAiStub.moderationBlocked().withHeader("x-should-retry", "true"));
        ProviderFailure f = failure(ContractCalls.generate("gpt-image-2", 1024, 1024));
        assertEquals(FailureCodes.CONTENT_MODERATED, f.code());
        assertEquals(1, STUB.requests().size(), "a user error is not sent again unchanged");
        assertTrue(pauser.pauses.isEmpty());
    }

    /**
     * The same guide: "For programmatic handling, use error.code as the stable discriminator". A moderation_blocked under
     * another type (an older invalid_request_error, a gateway's own) was retried on x-should-retry: true.
     */
    @Test
    void aModerationBlockIsNeverRetriedWhateverItsType() {
        STUB.script("/images/generations", r -> OpenAiStub.error(400, "Your request was rejected by the safety system.",
                "invalid_request_error", null, "moderation_blocked").withHeader("x-should-retry", "true"));
        ProviderFailure f = failure(ContractCalls.generate("gpt-image-2", 1024, 1024));
        assertEquals(FailureCodes.CONTENT_MODERATED, f.code());
        assertEquals(1, STUB.requests().size(), "not sent again unchanged");
    }

    @Test
    void anInvalidRequestRetriedOnTheHeadersWordKeepsItsCodeWhenItHolds() {
        STUB.always("/images/generations", r -> OpenAiStub.error(400, "Invalid size.", "invalid_request_error", "size", null)
                .withHeader("x-should-retry", "true"));
        ProviderFailure f = failure(ContractCalls.generate("gpt-image-2", 1024, 1024));
        assertEquals(FailureCodes.PROVIDER_REJECTED, f.code());
        assertEquals(settings.maxAttempts(), STUB.requests().size(), "within the attempts of the settings");
    }

    @Test
    void moderationBlockedIsContentModerated() {
        STUB.script("/images/generations", r -> OpenAiStub.moderationBlocked());
        ProviderFailure f = failure(ContractCalls.generate("gpt-image-2", 1024, 1024));
        assertEquals(FailureCodes.CONTENT_MODERATED, f.code());
        assertEquals(1, STUB.requests().size());
    }

    @Test
    void twoServerErrorsThenSuccess() {
        STUB.script("/images/generations", r -> OpenAiStub.serverError(), r -> OpenAiStub.serverError());
        ProviderImage image = call(ContractCalls.generate("gpt-image-2", 1024, 1024));
        assertTrue(image.bytes().length > 0);
        assertEquals(3, STUB.requests().size());
        assertEquals(2, pauser.pauses.size());
        assertTrue(pauser.pauses.get(1).compareTo(Duration.ofMillis(100)) >= 0, "backoff grows: " + pauser.pauses);
    }

    @Test
    void aSlowAnswerTimesOutAndIsTriedAgain() {
        StubImages.synthetic(1024, 1024, "png"); // drawn before the clock matters
        settings = settings.withTimeouts(Duration.ofMillis(1500), Duration.ofSeconds(30));
        STUB.script("/images/generations", r -> OpenAiStub.image("1024x1024", "png").after(Duration.ofMillis(5000)));
        ProviderImage image = call(ContractCalls.generate("gpt-image-2", 1024, 1024));
        assertTrue(image.bytes().length > 0);
        assertEquals(2, STUB.requests().size(), "the timed-out call and its retry");
    }

    @Test
    void serverErrorsThroughEveryAttemptAreProviderUnavailable() {
        STUB.always("/images/generations", r -> OpenAiStub.serverError());
        ProviderFailure f = failure(ContractCalls.generate("gpt-image-2", 1024, 1024));
        assertEquals(FailureCodes.PROVIDER_UNAVAILABLE, f.code());
        assertEquals(settings.maxAttempts(), STUB.requests().size());
    }

    private static String field(List<FormData.Part> form, String name) {
        return form.stream().filter(p -> p.name().equals(name)).map(FormData.Part::text).findFirst().orElse(null);
    }

    @Test
    void anHtmlPageACutJsonOrARedirectToAnotherHostIsRejectedAndNotFollowed() {
        assertHostileAnswersAreRejected("/images/generations", ContractCalls.generate("gpt-image-2", 1024, 1024));
    }

    @Test
    void aRateLimitAskingToWaitPastTheDeadlineEndsTheCallInsteadOfARetryAfterTheBackoff() {
        // Retry-After of 25 h: before, any wait of a day or more was read as none and the call sent again after 100 ms
        STUB.script("/images/generations", r -> OpenAiStub.error(429, "Rate limit reached for images per day.", "requests", null,
                "rate_limit_exceeded").withHeader("retry-after", "90000"));
        ProviderFailure f = failure(ContractCalls.generate("gpt-image-2", 1024, 1024));
        assertEquals(FailureCodes.PROVIDER_QUOTA, f.code());
        assertTrue(f.getMessage().contains("deadline"), f.getMessage());
        assertEquals(1, STUB.requests("/images/generations").size(), "not sent again before the wait asked for");
    }

    @Test
    void aServerErrorThatIsAnHtmlPageIsRetriedAndToldByItsTitle() {
        // before: the message carried the page's first 300 characters of markup
        assertAnHtmlServerErrorIsRetriedAndToldByItsTitle("/images/generations", ContractCalls.generate("gpt-image-2", 1024, 1024));
    }
}
