package io.realskin.generation.stub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.realskin.contracts.EventJson;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

/**
 * Gemini's {@code POST /v1beta/models/{model}:generateContent} as https://ai.google.dev/gemini-api/docs/image-generation
 * documents it: the image comes back as {@code candidates[0].content.parts[].inlineData}, sized by
 * {@code imageConfig.aspectRatio} and {@code imageSize} (the documented resolution tables), and the Gemini 3 image
 * models think first: an interim image part marked {@code thought: true} precedes the final one. A wrong key is 400
 * INVALID_ARGUMENT with reason API_KEY_INVALID. Only the models Google serves today answer ({@link #SERVED}); any other
 * name, among them the ones it shut down (ai.google.dev/gemini-api/docs/deprecations: gemini-3-pro-image-preview on
 * 2026-06-25, gemini-2.5-flash-image on 2026-10-02), is Google's 404 NOT_FOUND for a model it does not have (until
 * 2026-12-07 the stub answered any name, so the adapter's retired names passed here and failed at Google).
 */
public final class GeminiStub extends StubServer {
    /**
     * Gemini 3 Pro Image's 1K sizes per aspect ratio as the image-generation guide tabulates them (Gemini 3.1 Flash
     * Image's are the same for these ratios); its 2K and 4K are exactly 2x and 4x. (The stub's table of
     * gemini-2.5-flash-image, which took no {@code imageSize}, went with the model.)
     */
    static final Map<String, int[]> ONE_K = Map.of("1:1", new int[] {1024, 1024}, "2:3", new int[] {848, 1264},
            "3:2", new int[] {1264, 848}, "3:4", new int[] {896, 1200}, "4:3", new int[] {1200, 896},
            "4:5", new int[] {928, 1152}, "5:4", new int[] {1152, 928}, "9:16", new int[] {768, 1376},
            "16:9", new int[] {1376, 768}, "21:9", new int[] {1584, 672});
    /** The image models Google serves (its deprecations page as of 2026-12-07: both GA since 2026-05-28). */
    public static final java.util.Set<String> SERVED = java.util.Set.of("gemini-3-pro-image", "gemini-3.1-flash-image");

    /**
     * The request size Gemini takes inline: "If your total request, including files and instructions, exceeds 20MB, you
     * should use the File API" (Google on discuss.ai.google.dev, t/43061, citing the image-understanding page). Which
     * megabyte is not said: the stub refuses past 20 MiB, the adapter checks the stricter 20,000,000 bytes.
     */
    static final int MAX_REQUEST_BYTES = 20 * 1024 * 1024;

    private final String key;

    public GeminiStub(String key) {
        this.key = key;
    }

    public String baseUrl() {
        return url();
    }

    @Override
    protected Answer answer(Request request) {
        if (!key.equals(request.header("x-goog-api-key"))) {
            return apiKeyInvalid();
        }
        if (request.body().length > MAX_REQUEST_BYTES) {
            return payloadTooLarge();
        }
        if (!request.path().startsWith("/v1beta/models/") || !request.path().endsWith(":generateContent")) {
            return error(404, "NOT_FOUND", "Requested entity was not found.");
        }
        String model = request.path().substring("/v1beta/models/".length(), request.path().indexOf(':'));
        if (!SERVED.contains(model)) {
            return modelNotFound(model);
        }
        JsonNode imageConfig = request.json().path("generationConfig").path("imageConfig");
        int[] base = ONE_K.getOrDefault(imageConfig.path("aspectRatio").asText("1:1"), ONE_K.get("1:1"));
        int scale = switch (imageConfig.path("imageSize").asText("1K")) {
            case "2K" -> 2;
            case "4K" -> 4;
            default -> 1;
        };
        byte[] image = StubImages.synthetic(base[0] * scale, base[1] * scale, "png");
        return success(model, image, true);
    }

    /** A 200 with the image as the last part; with {@code thinking}, a thought text and a 256x256 thought image first. */
    public static Answer success(String model, byte[] image, boolean thinking) {
        return imageAnswer(model, image, thinking, "STOP");
    }

    /**
     * A 200 carrying an image part whose candidate nonetheless ends with this finishReason (IMAGE_SAFETY, MAX_TOKENS,
     * ...); null: a candidate without one, which the reference reads as "the model has not stopped generating".
     */
    public static Answer imageAnswer(String model, byte[] image, boolean thinking, String finishReason) {
        ObjectNode body = EventJson.MAPPER.createObjectNode();
        ObjectNode candidate = body.putArray("candidates").addObject();
        ObjectNode content = candidate.putObject("content").put("role", "model");
        ArrayNode parts = content.putArray("parts");
        if (thinking) {
            parts.addObject().put("text", "**Composing the portrait** Checking the light and skin detail.").put("thought", true);
            parts.addObject().put("thought", true).putObject("inlineData").put("mimeType", "image/png")
                    .put("data", Base64.getEncoder().encodeToString(StubImages.synthetic(256, 256, "png")));
        }
        parts.addObject().put("text", "Here is the portrait you asked for.");
        ObjectNode last = parts.addObject();
        last.putObject("inlineData").put("mimeType", "image/png").put("data", Base64.getEncoder().encodeToString(image));
        if (thinking) {
            last.put("thoughtSignature", "c2lnbmF0dXJl");
        }
        if (finishReason != null) {
            candidate.put("finishReason", finishReason);
        }
        candidate.put("index", 0);
        body.putObject("usageMetadata").put("promptTokenCount", 28).put("candidatesTokenCount", 1290).put("totalTokenCount", 1318);
        body.put("modelVersion", model).put("responseId", UUID.randomUUID().toString().replace("-", "").substring(0, 22));
        return Answer.json(200, body);
    }

    /** A 200 with text only and this finishReason (NO_IMAGE, IMAGE_SAFETY, ...): no image. */
    public static Answer textOnly(String finishReason) {
        ObjectNode body = EventJson.MAPPER.createObjectNode();
        ObjectNode candidate = body.putArray("candidates").addObject();
        candidate.putObject("content").put("role", "model").putArray("parts").addObject()
                .put("text", "I can't create that image. Try describing the scene differently.");
        candidate.put("finishReason", finishReason).put("index", 0);
        body.put("modelVersion", "gemini-3-pro-image").put("responseId", "text-only-1");
        return Answer.json(200, body);
    }

    /**
     * A 200 whose candidate was blocked after generation: the candidate has no {@code content}, only its
     * {@code finishReason} and {@code finishMessage} (cloud.google.com/vertex-ai/generative-ai/docs/multimodal/
     * process-blocked-responses: "The content field isn't set. The finishReason field is set"; google-genai's
     * {@code Candidate.finish_message}).
     */
    public static Answer blockedCandidate(String finishReason, String finishMessage) {
        ObjectNode body = EventJson.MAPPER.createObjectNode();
        body.putArray("candidates").addObject().put("finishReason", finishReason).put("finishMessage", finishMessage).put("index", 0);
        body.putObject("usageMetadata").put("promptTokenCount", 28).put("totalTokenCount", 28);
        body.put("modelVersion", "gemini-3-pro-image").put("responseId", "blocked-candidate-1");
        return Answer.json(200, body);
    }

    /** A 200 whose prompt was blocked: promptFeedback.blockReason and no candidates. */
    public static Answer promptBlocked(String reason) {
        ObjectNode body = EventJson.MAPPER.createObjectNode();
        body.putObject("promptFeedback").put("blockReason", reason);
        body.put("modelVersion", "gemini-3-pro-image").put("responseId", "blocked-1");
        return Answer.json(200, body);
    }

    /**
     * The refusal of a request over the limit. Google APIs answer an oversized payload 400 INVALID_ARGUMENT "Request
     * payload size exceeds the limit: N bytes." (as quoted for the Gemini API's earlier 4 MiB limit in
     * google-gemini/generative-ai-android#26); the exact answer at today's 20 MB limit is not documented: the shape of
     * that report with 20 MiB, as the stub's own guess.
     */
    /** Google's answer for a model name it does not serve (a retired one, a typo). */
    public static Answer modelNotFound(String model) {
        return error(404, "NOT_FOUND", "models/" + model + " is not found for API version v1beta, or is not supported for generateContent."
                + " Call ListModels to see the list of available models and their supported methods.");
    }

    public static Answer payloadTooLarge() {
        return error(400, "INVALID_ARGUMENT", "Request payload size exceeds the limit: " + MAX_REQUEST_BYTES + " bytes.");
    }

    public static Answer apiKeyInvalid() {
        ObjectNode details = EventJson.MAPPER.createObjectNode().put("@type", "type.googleapis.com/google.rpc.ErrorInfo")
                .put("reason", "API_KEY_INVALID").put("domain", "googleapis.com");
        details.putObject("metadata").put("service", "generativelanguage.googleapis.com");
        return error(400, "INVALID_ARGUMENT", "API key not valid. Please pass a valid API key.", details);
    }

    /** 429 RESOURCE_EXHAUSTED with a RetryInfo detail. */
    public static Answer resourceExhausted(String retryDelay) {
        ObjectNode retry = EventJson.MAPPER.createObjectNode().put("@type", "type.googleapis.com/google.rpc.RetryInfo")
                .put("retryDelay", retryDelay);
        return error(429, "RESOURCE_EXHAUSTED", "You exceeded your current quota, please check your plan and billing details.", retry);
    }

    /** 429 RESOURCE_EXHAUSTED on a per-day quota: a QuotaFailure naming it, and a RetryInfo (as the API sends both). */
    public static Answer dailyQuotaExhausted(String model) {
        ObjectNode quota = EventJson.MAPPER.createObjectNode().put("@type", "type.googleapis.com/google.rpc.QuotaFailure");
        ObjectNode violation = quota.putArray("violations").addObject()
                .put("quotaMetric", "generativelanguage.googleapis.com/generate_content_paid_tier_requests")
                .put("quotaId", "GenerateRequestsPerDayPerProjectPerModel").put("quotaValue", "250");
        violation.putObject("quotaDimensions").put("location", "global").put("model", model);
        ObjectNode retry = EventJson.MAPPER.createObjectNode().put("@type", "type.googleapis.com/google.rpc.RetryInfo")
                .put("retryDelay", "22s");
        return error(429, "RESOURCE_EXHAUSTED", "You exceeded your current quota, please check your plan and billing details.",
                quota, retry);
    }

    /**
     * A billing stop, no details: depleted prepay credits (429 until 2026, "API update: Depleted prepay credits now return
     * HTTP 402 instead of 429", discuss.ai.google.dev t/183654, which gives the body) or a spending cap reached (429,
     * "Your billing account has exceeded its monthly spending cap", as quoted at help.apiyi.com).
     */
    public static Answer billingStop(int status, String message) {
        return error(status, "RESOURCE_EXHAUSTED", message);
    }

    public static final String CREDITS_DEPLETED = "Your prepayment credits are depleted. Please go to AI Studio at "
            + "https://ai.studio/projects to manage your project and billing. Learn more at "
            + "https://ai.google.dev/gemini-api/docs/billing#prepay.";
    public static final String SPENDING_CAP = "Your billing account has exceeded its monthly spending cap. Please go to AI Studio "
            + "at https://aistudio.google.com to manage your billing. Learn more at https://ai.google.dev/gemini-api/docs/billing.";

    /** 400 FAILED_PRECONDITION: the free tier is not offered where the call comes from and the project has no billing. */
    public static Answer failedPrecondition() {
        return error(400, "FAILED_PRECONDITION", "User location is not supported for the API use without a billing account linked.");
    }

    public static Answer unavailable() {
        return error(503, "UNAVAILABLE", "The model is overloaded. Please try again later.");
    }

    /** {"error":{"code","message","status","details":[...]}} */
    public static Answer error(int code, String status, String message, ObjectNode... details) {
        ObjectNode body = EventJson.MAPPER.createObjectNode();
        ObjectNode error = body.putObject("error").put("code", code).put("message", message).put("status", status);
        ArrayNode list = EventJson.MAPPER.createArrayNode();
        for (ObjectNode detail : details) {
            if (detail != null) {
                list.add(detail);
            }
        }
        if (!list.isEmpty()) {
            error.set("details", list);
        }
        return Answer.json(code, body);
    }
}
