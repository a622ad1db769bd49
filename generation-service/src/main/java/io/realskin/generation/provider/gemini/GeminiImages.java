package io.realskin.generation.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.realskin.contracts.EventJson;
import io.realskin.contracts.ImageModels;
import io.realskin.generation.provider.CallContext;
import io.realskin.generation.provider.ImageProvider;
import io.realskin.generation.provider.ProviderCall;
import io.realskin.generation.provider.ProviderFailure;
import io.realskin.generation.provider.ProviderAnswer;
import io.realskin.generation.provider.ProviderHttp;
import io.realskin.generation.provider.ProviderImage;
import io.realskin.generation.provider.ReferenceInstruction;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;

/**
 * Google Gemini image generation (https://ai.google.dev/gemini-api/docs/image-generation):
 * {@code POST /v1beta/models/{model}:generateContent} with {@code x-goog-api-key}, the prompt and any reference
 * photographs as {@code inline_data} parts, {@code responseModalities ["TEXT","IMAGE"]} and an {@code imageConfig}.
 * The image is the last {@code inlineData} part of {@code candidates[0]} that is not a thought (Gemini 3 Pro Image
 * thinks in interim images first). A 200 without an image is a failure, never a success, and so is an image whose
 * candidate did not end {@code STOP}, the API's one "natural stop point of the model": any other {@code finishReason}
 * says the generation was blocked, cut short or ended for a reason not given. Gemini takes no mask: a
 * skin-inpaint job never reaches it (the model table says it does not inpaint).
 */
public final class GeminiImages implements ImageProvider {
    /** inlineData.data (inline_data.data): the images, read as binary. */
    private static final Set<String> IMAGE_FIELDS = Set.of("data");
    static final Set<String> MODERATION = Set.of("SAFETY", "IMAGE_SAFETY", "PROHIBITED_CONTENT", "IMAGE_PROHIBITED_CONTENT",
            "BLOCKLIST", "SPII");
    /**
     * The one finish reason of a complete answer ("Natural stop point of the model or provided stop sequence"). An image
     * beside any other is not taken: {@code MAX_TOKENS} ("the maximum number of tokens ... was reached") and
     * {@code OTHER} ("all other reasons that stopped the token generation") are stops before the end, as are
     * {@code IMAGE_OTHER}, {@code IMAGE_RECITATION}, {@code RECITATION}, {@code LANGUAGE}, the tool-call reasons, a
     * reason added after this was written.
     */
    static final String COMPLETE = "STOP";
    /**
     * What Gemini takes in one request inline: "If your total request, including files and instructions, exceeds 20MB,
     * you should use the File API" (Google on discuss.ai.google.dev, t/43061, from the image-understanding page); read
     * in decimal megabytes, the stricter reading. Checked on the JSON as sent (the references in base64).
     */
    static final int MAX_REQUEST_BYTES = 20_000_000;

    private final ProviderHttp http;

    public GeminiImages(ProviderHttp http) {
        this.http = http;
    }

    @Override
    public String name() {
        return ImageModels.GOOGLE;
    }

    @Override
    public ProviderImage create(ProviderCall call, CallContext context) {
        if (call.isEdit()) {
            throw ProviderFailure.badRequest("gemini takes no mask: skin-inpaint needs a model that inpaints");
        }
        if (call.seed() != null && call.seed() != call.seed().intValue()) {
            // GenerationConfig.seed is an int32 (google-genai: seed(Integer)); cut to 32 bits it would be another seed
            throw ProviderFailure.badRequest("gemini: the seed " + call.seed() + " is outside Gemini's range, " + Integer.MIN_VALUE
                    + " to " + Integer.MAX_VALUE + ": ask again with a seed in it, or without one");
        }
        byte[] json = EventJson.write(body(call)).getBytes(StandardCharsets.UTF_8);
        if (json.length > MAX_REQUEST_BYTES) {
            throw ProviderFailure.tooLarge("gemini: the request with its " + call.references().size() + " reference images is "
                    + json.length + " bytes as sent (base64); Gemini takes at most 20 MB inline: send fewer or smaller references"
                    + " (a JPEG of the photo rather than a TIFF or PNG)");
        }
        HttpRequest.Builder request = http.request("/v1beta/models/" + call.providerModel() + ":generateContent")
                .header("Content-Type", "application/json")
                .header("x-goog-api-key", http.settings().apiKey())
                .POST(HttpRequest.BodyPublishers.ofByteArray(json));
        context.progress().stage("submitted", 10);
        try (ProviderAnswer answer = sendOnce(request, context)) {
            if (!answer.ok()) {
                throw GeminiErrors.failure(answer, http::redact);
            }
            context.progress().stage("downloading", 80);
            return image(answer);
        }
    }

    /**
     * The answer to the one generateContent. A request that left and got no whole answer (a timeout, a connection lost
     * after it was made) is not sent again: Gemini may have made, and billed, the image whose answer was lost, and
     * Google's own client never resends such a request (googleapis/python-genai {@code _api_client.py},
     * {@code retry_args}: only an {@code APIError}, an HTTP answer, of {@link GeminiRetry}'s statuses). A connection
     * that could not be made is retried as before; so are the error answers {@link GeminiRetry} names.
     */
    private ProviderAnswer sendOnce(HttpRequest.Builder request, CallContext context) {
        try {
            return http.exchange(request, context, ProviderHttp.MAX_ANSWER_BYTES);
        } catch (ProviderFailure f) {
            if (f.unanswered()) {
                throw f.exhausted("not sent again: Gemini may have made and billed the image whose answer was lost");
            }
            throw f;
        }
    }

    private static ObjectNode body(ProviderCall call) {
        ObjectNode body = EventJson.MAPPER.createObjectNode();
        ObjectNode content = body.putArray("contents").addObject().put("role", "user");
        ArrayNode parts = content.putArray("parts");
        parts.addObject().put("text", ReferenceInstruction.append(call.prompt(), call.references()));
        for (ProviderCall.Reference ref : call.references()) {
            parts.addObject().putObject("inline_data").put("mime_type", ref.contentType())
                    .put("data", Base64.getEncoder().encodeToString(ref.bytes()));
        }
        ObjectNode config = body.putObject("generationConfig");
        config.putArray("responseModalities").add("TEXT").add("IMAGE");
        if (call.seed() != null) {
            config.put("seed", call.seed().longValue());
        }
        GeminiImageConfig image = GeminiImageConfig.of(call.providerModel(), call.width(), call.height());
        ObjectNode imageConfig = config.putObject("imageConfig").put("aspectRatio", image.aspectRatio());
        if (image.imageSize() != null) {
            imageConfig.put("imageSize", image.imageSize());
        }
        return body;
    }

    private ProviderImage image(ProviderAnswer answer) {
        JsonNode json = http.readImages(answer, name(), IMAGE_FIELDS);
        String blocked = json.path("promptFeedback").path("blockReason").asText("");
        if (!blocked.isEmpty()) {
            String message = "gemini: the prompt was blocked (" + blocked + ")" + said(json.path("promptFeedback").path("blockReasonMessage"));
            throw "OTHER".equals(blocked) || "BLOCK_REASON_UNSPECIFIED".equals(blocked)
                    ? ProviderFailure.rejected(message) : ProviderFailure.moderated(message);
        }
        JsonNode candidate = json.path("candidates").path(0);
        byte[] data = null;
        for (JsonNode part : candidate.path("content").path("parts")) {
            JsonNode inline = part.has("inlineData") ? part.get("inlineData") : part.path("inline_data");
            if (inline.get("data") instanceof BinaryNode image && !part.path("thought").asBoolean(false)) {
                data = image.binaryValue();
            }
        }
        String finish = candidate.path("finishReason").asText(candidate.isMissingNode() ? "none: no candidate" : "none");
        // none at all is taken: the real host always sends one in a whole answer, so an image without is a shortened
        // answer (a proxy's, a documentation example's) whose image passed the output checks, not a stop
        boolean complete = COMPLETE.equals(finish) || !candidate.has("finishReason");
        if (data == null || !complete) {
            String text = firstText(candidate);
            String message = "gemini: " + (data == null ? "no image in the answer" : "the image's generation did not end normally") + " (finishReason "
                    + finish + ")" + said(candidate.path("finishMessage")) + (text.isEmpty() ? "" : ": " + http.redact(text));
            throw MODERATION.contains(finish) ? ProviderFailure.moderated(message) : ProviderFailure.rejected(message);
        }
        return new ProviderImage(data, json.path("responseId").asText(null), answer.receivedAt());
    }

    /**
     * ": " and what Gemini said of a stop or block, redacted: a candidate's {@code finishMessage} ("Describes the reason the
     * model stopped generating tokens", google-genai's {@code Candidate}) or the prompt feedback's
     * {@code blockReasonMessage}; an answer blocked for its image often has no text part, so this is all it says.
     */
    private String said(JsonNode value) {
        return value.isTextual() && !value.asText().isBlank() ? ": " + http.redact(value.asText()) : "";
    }

    private static String firstText(JsonNode candidate) {
        for (JsonNode part : candidate.path("content").path("parts")) {
            if (part.hasNonNull("text") && !part.path("thought").asBoolean(false)) {
                return part.get("text").asText();
            }
        }
        return "";
    }
}
