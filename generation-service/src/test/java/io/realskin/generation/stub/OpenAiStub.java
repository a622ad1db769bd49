package io.realskin.generation.stub;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.realskin.contracts.EventJson;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * OpenAI Images as https://platform.openai.com/docs/api-reference/images documents it: {@code POST /v1/images/generations}
 * (JSON) and {@code POST /v1/images/edits} (multipart, {@code image} or {@code image[]}, {@code mask}; {@code input_fidelity}
 * refused for gpt-image-2, whose guide says to omit it; an image with a mask refused unless it is a PNG like the mask) answer
 * {@code {created, data:[{b64_json}], usage, size, output_format, ...}} with an {@code x-request-id} header; a wrong key
 * is 401 {@code invalid_api_key} in the documented {@code {"error":{message,type,param,code}}} form, the key echoed
 * masked as OpenAI masks it.
 */
public final class OpenAiStub extends StubServer {
    /**
     * The image models the Images API answers (the API reference's {@code model}: "dall-e-2, dall-e-3, or a GPT image
     * model (gpt-image-1, gpt-image-1-mini, gpt-image-1.5, gpt-image-2)"; the dall-e models, shut down, are left out).
     * Any other name is OpenAI's 404 {@code model_not_found}.
     */
    public static final java.util.Set<String> SERVED = java.util.Set.of("gpt-image-2", "gpt-image-1.5", "gpt-image-1", "gpt-image-1-mini");

    private final String key;

    public OpenAiStub(String key) {
        this.key = key;
    }

    /** The base URL as OPENAI_BASE_URL takes it. */
    public String baseUrl() {
        return url() + "/v1";
    }

    @Override
    protected Answer answer(Request request) {
        if (!("Bearer " + key).equals(request.header("authorization"))) {
            String sent = request.header("authorization");
            return invalidApiKey(sent == null ? "" : sent.replaceFirst("^Bearer ", ""));
        }
        return switch (request.path()) {
            case "/v1/images/generations" -> {
                String model = request.json().path("model").asText("");
                if (!SERVED.contains(model)) {
                    yield modelNotFound(model);
                }
                Answer refused = refusedSize(request.json().path("model").asText(""), request.json().path("size").asText("auto"));
                yield refused != null ? refused : image(request.json().path("size").asText("auto"),
                        request.json().path("output_format").asText("png"));
            }
            case "/v1/images/edits" -> edit(request);
            default -> error(404, "Invalid URL (" + request.method() + " " + request.path() + ")", "invalid_request_error", null, null);
        };
    }

    private Answer edit(Request request) {
        List<FormData.Part> form = request.form();
        String model = form.stream().filter(p -> p.name().equals("model")).map(FormData.Part::text).findFirst().orElse("");
        if (!SERVED.contains(model)) {
            return modelNotFound(model);
        }
        if (model.startsWith("gpt-image-2") && form.stream().anyMatch(p -> p.name().equals("input_fidelity"))) {
            // the image-generation guide: "For gpt-image-2, omit this parameter; the API doesn't allow changing it"
            return error(400, "Unsupported parameter: 'input_fidelity' is not supported with this model.", "invalid_request_error",
                    "input_fidelity", "unsupported_parameter");
        }
        if (form.stream().anyMatch(p -> (p.name().equals("image") || p.name().equals("image[]")) && p.bytes().length >= 50_000_000)) {
            // the API reference: each image "less than 50MB"; the refusal's wording is the stub's own, none is documented
            return error(400, "Invalid input image: each image must be less than 50MB.", "invalid_request_error", "image",
                    "image_too_large");
        }
        FormData.Part image = form.stream().filter(p -> p.name().equals("image") || p.name().equals("image[]")).findFirst().orElse(null);
        if (image != null && form.stream().anyMatch(p -> p.name().equals("mask")) && !StubImages.isPng(image.bytes())) {
            // the image-generation guide's mask requirements: "The image to edit and mask must be of the same format"
            // (the mask a PNG: the API reference)
            return error(400, "Invalid input image: the image to edit and its mask must be of the same format (PNG).",
                    "invalid_request_error", "image", "invalid_image_format");
        }
        String size = form.stream().filter(p -> p.name().equals("size")).map(FormData.Part::text).findFirst().orElse("auto");
        Answer refused = refusedSize(model, size);
        if (refused != null) {
            return refused;
        }
        String format = form.stream().filter(p -> p.name().equals("output_format")).map(FormData.Part::text).findFirst().orElse("png");
        return image(size, format);
    }

    /**
     * The 400 for a {@code size} the model does not take, or null. The image-generation guide's rules: the gpt-image-1
     * family {@code 1024x1024}, {@code 1536x1024}, {@code 1024x1536} or {@code auto}; {@code gpt-image-2} any WxH whose
     * edges are multiples of 16, at most 3840, long edge to short edge at most 3:1, 655,360 to 8,294,400 pixels. (The
     * message is the stub's own wording; the error's shape is the API reference's.)
     */
    static Answer refusedSize(String model, String size) {
        if ("auto".equals(size)) {
            return null;
        }
        boolean valid;
        if (model.startsWith("gpt-image-1")) {
            valid = java.util.Set.of("1024x1024", "1536x1024", "1024x1536").contains(size);
        } else {
            String[] wh = size.split("x");
            int w = wh.length == 2 && wh[0].matches("\\d{1,5}") ? Integer.parseInt(wh[0]) : 0;
            int h = wh.length == 2 && wh[1].matches("\\d{1,5}") ? Integer.parseInt(wh[1]) : 0;
            long pixels = (long) w * h;
            valid = w > 0 && h > 0 && w % 16 == 0 && h % 16 == 0 && Math.max(w, h) <= 3840 && Math.max(w, h) <= 3L * Math.min(w, h)
                    && pixels >= 655_360 && pixels <= 8_294_400;
        }
        return valid ? null : error(400, "Invalid value: '" + size + "'. The size is not supported by " + model + ".",
                "invalid_request_error", "size", "invalid_value");
    }

    /** A success answer with a synthetic image of {@code size} ("WxH" or "auto") in {@code format} (jpeg, png; png unless asked). */
    public static Answer image(String size, String format) {
        int[] wh = "auto".equals(size) ? new int[] {1024, 1024}
                : new int[] {Integer.parseInt(size.split("x")[0]), Integer.parseInt(size.split("x")[1])};
        return answer(StubImages.inOutputFormat(wh[0], wh[1], format), wh[0] + "x" + wh[1], format);
    }

    /** A success answer carrying these image bytes. */
    public static Answer answer(byte[] image, String size, String format) {
        ObjectNode body = EventJson.MAPPER.createObjectNode()
                .put("created", Instant.now().getEpochSecond())
                .put("background", "opaque")
                .put("output_format", format)
                .put("quality", "medium")
                .put("size", size);
        body.putArray("data").addObject().put("b64_json", Base64.getEncoder().encodeToString(image));
        ObjectNode usage = body.putObject("usage").put("input_tokens", 52).put("output_tokens", 4160).put("total_tokens", 4212);
        usage.putObject("input_tokens_details").put("image_tokens", 0).put("text_tokens", 52);
        return Answer.json(200, body).withHeader("x-request-id", "req_" + UUID.randomUUID().toString().replace("-", ""))
                .withHeader("openai-processing-ms", "1874");
    }

    /**
     * OpenAI's 404 for a model name it has not for the key, as openai-python users quote it (e.g. github.com/jdmnk/
     * codex-imagegen-cli/issues/18, abi/screenshot-to-code/issues/30): "The model `X` does not exist or you do not have
     * access to it.", type {@code invalid_request_error}, code {@code model_not_found}.
     */
    public static Answer modelNotFound(String model) {
        return error(404, "The model `" + model + "` does not exist or you do not have access to it.", "invalid_request_error", null,
                "model_not_found");
    }

    /** {"error":{"message","type","param","code"}} with this status. */
    public static Answer error(int status, String message, String type, String param, String code) {
        ObjectNode error = EventJson.MAPPER.createObjectNode();
        ObjectNode e = error.putObject("error").put("message", message).put("type", type);
        if (param == null) e.putNull("param"); else e.put("param", param);
        if (code == null) e.putNull("code"); else e.put("code", code);
        return Answer.json(status, error).withHeader("x-request-id", "req_" + UUID.randomUUID().toString().replace("-", ""));
    }

    /**
     * OpenAI's 401 for a key it does not know: the key echoed masked, its first 8 and last 4 characters kept
     * ("Incorrect API key provided: sk-PMafP***************************************E873. You can find your API key at
     * https://platform.openai.com/account/api-keys.", as tenants of the API quote it).
     */
    public static Answer invalidApiKey(String sentKey) {
        String masked = sentKey.length() <= 12 ? sentKey
                : sentKey.substring(0, 8) + "*".repeat(sentKey.length() - 12) + sentKey.substring(sentKey.length() - 4);
        return error(401, "Incorrect API key provided: " + masked + ". You can find your API key at "
                + "https://platform.openai.com/account/api-keys.", "invalid_request_error", null, "invalid_api_key");
    }

    /** 429 rate limit, with the headers OpenAI sends (retry-after-ms, retry-after). */
    public static Answer rateLimited(long retryAfterMs) {
        return error(429, "Rate limit reached for gpt-image-2 in organization org-stub on images per minute (IPM): Limit 5, "
                + "Used 5, Requested 1. Please try again in " + retryAfterMs + "ms.", "requests", null, "rate_limit_exceeded")
                .withHeader("retry-after-ms", String.valueOf(retryAfterMs))
                .withHeader("retry-after", String.valueOf(Math.max(1, retryAfterMs / 1000)));
    }

    public static Answer insufficientQuota() {
        return error(429, "You exceeded your current quota, please check your plan and billing details. For more information on "
                + "this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.", "insufficient_quota",
                null, "insufficient_quota");
    }

    public static Answer moderationBlocked() {
        return error(400, "Your request was rejected by the safety system. If you believe this is an error, contact us at "
                + "help.openai.com and include the request ID. safety_violations=[sexual].", "image_generation_user_error", null,
                "moderation_blocked");
    }

    public static Answer serverError() {
        return error(500, "The server had an error processing your request. Sorry about that!", "server_error", null, null);
    }
}
