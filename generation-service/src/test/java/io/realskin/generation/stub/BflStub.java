package io.realskin.generation.stub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.realskin.contracts.EventJson;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * Black Forest Labs as https://docs.bfl.ai documents it: {@code POST /v1/<model>} with {@code x-key} answers
 * {@code {id, polling_url, cost, input_mp, output_mp}}; the polling URL names its own path (here {@code /eu2/v1/get_result},
 * as a regional host would), answers {@code Pending} a few times, then {@code Ready} with {@code result.sample}, a
 * signed delivery URL that needs no key; {@code Task not found} for an id it does not know. The fill endpoint answers
 * the input image back (as an inpainting that changed nothing) unless a test scripts otherwise. FLUX.2 refuses a
 * {@code width} or {@code height} its pages do not take (422); FLUX.1 Kontext ({@code /v1/flux-kontext-*}) reads no
 * width or height, only {@code aspect_ratio} (21:9 to 9:21, default 1:1), and makes about 1 MP; FLUX 1.1 [pro] Ultra
 * likewise (default 16:9, about 4 MP); FLUX 1.1 [pro], FLUX.1 [pro] and [dev] refuse a side that is not a multiple of 32
 * from 256 to 1440 (422).
 */
public final class BflStub extends StubServer {
    /**
     * The model paths the stub serves (BFL's API reference: FLUX.2 [pro], [max], [flex], [klein] 4B and 9B, FLUX.1 Kontext
     * [pro] and [max], FLUX.1 Fill [pro]); any other {@code POST /v1/<model>} is FastAPI's 404 "Not Found".
     */
    public static final java.util.Set<String> SERVED = java.util.Set.of("flux-2-pro", "flux-2-max", "flux-2-flex", "flux-2-klein-4b",
            "flux-2-klein-9b", "flux-kontext-pro", "flux-kontext-max", "flux-pro-1.0-fill", "flux-pro-1.1", "flux-pro", "flux-dev",
            "flux-pro-1.1-ultra");
    /** FLUX 1.1 [pro], FLUX.1 [pro] and [dev]: {@code width} and {@code height}, 256 to 1440, multiples of 32. */
    private static final java.util.Set<String> FLUX1_SIZED = java.util.Set.of("/v1/flux-pro-1.1", "/v1/flux-pro", "/v1/flux-dev");

    private final String key;
    private final Map<String, byte[]> results = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> polls = new ConcurrentHashMap<>();
    private final java.util.Queue<Double> answered = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private volatile int pendingPolls = 2;
    private volatile String deliveryBase;
    private volatile UnaryOperator<byte[]> fill = UnaryOperator.identity();

    public BflStub(String key) {
        this.key = key;
    }

    public String baseUrl() {
        return url();
    }

    /** How many polls answer Pending before Ready. */
    public void pendingPolls(int count) {
        pendingPolls = count;
    }

    /** Where result.sample points (default: this stub); another host tests the allow-list. */
    public void deliveryBase(String base) {
        deliveryBase = base;
    }

    /** What the fill endpoint makes of the submitted image (default: the image itself). */
    public void fillAnswer(UnaryOperator<byte[]> answer) {
        fill = answer;
    }

    /** Registers a finished task (one submitted before a restart, say) and returns its polling URL. */
    public String existingTask(String id, byte[] image) {
        results.put(id, image);
        return url() + "/eu2/v1/get_result?id=" + id;
    }

    @Override
    protected void resetState() {
        answered.clear();
        pendingPolls = 2;
        deliveryBase = null;
        fill = UnaryOperator.identity();
    }

    @Override
    protected Answer answer(Request request) {
        if (request.path().startsWith("/delivery/")) {
            String id = request.path().split("/")[2];
            byte[] image = results.get(id);
            return image == null ? expired() : Answer.bytes(200, (image[0] & 0xFF) == 0xFF ? "image/jpeg" : "image/png", image);
        }
        if (!key.equals(request.header("x-key"))) {
            return Answer.json(403, "{\"detail\":\"Not authenticated - Invalid Authentication\"}");
        }
        if (request.path().endsWith("/v1/get_result")) {
            return result(request.param("id"));
        }
        if (!"POST".equals(request.method()) || !request.path().startsWith("/v1/") || !SERVED.contains(request.path().substring(4))) {
            return Answer.json(404, "{\"detail\":\"Not Found\"}"); // FastAPI's answer for a path it does not have
        }
        JsonNode body = request.json();
        byte[] image;
        boolean kontext = request.path().startsWith("/v1/flux-kontext");
        boolean ultra = request.path().equals("/v1/flux-pro-1.1-ultra");
        boolean flux1 = FLUX1_SIZED.contains(request.path());
        Answer refused = kontext || ultra ? refusedAspectRatio(body, ultra ? "16:9" : "1:1")
                : request.path().startsWith("/v1/flux-2") ? refusedSize(body) : flux1 ? refusedFlux1Size(body) : null;
        if (refused != null) {
            return refused;
        }
        if (body.hasNonNull("mask")) {
            image = fill.apply(Base64.getDecoder().decode(body.get("image").asText()));
        } else if (kontext) {
            int[] size = ratioSize(body.path("aspect_ratio").asText("1:1"), 1024 * 1024);
            image = StubImages.inOutputFormat(size[0], size[1], body.path("output_format").asText("png")); // Kontext's default
        } else if (ultra) {
            int[] size = ratioSize(body.path("aspect_ratio").asText("16:9"), 4 * 1024 * 1024); // "up to 4MP"
            image = StubImages.inOutputFormat(size[0], size[1], body.path("output_format").asText("jpeg"));
        } else {
            image = StubImages.inOutputFormat(body.path("width").asInt(1024), body.path("height").asInt(768),
                    body.path("output_format").asText("jpeg")); // BFL's default
        }
        String id = UUID.randomUUID().toString();
        results.put(id, image);
        double outputMp = megapixels(image);
        double inputMp = 0;
        for (String field : body.hasNonNull("mask") ? new String[] {"image"} : inputImageFields()) {
            if (body.hasNonNull(field)) {
                inputMp += megapixels(Base64.getDecoder().decode(body.get(field).asText()));
            }
        }
        answered.add(inputMp);
        return submitted(id, url() + "/eu2/v1/get_result?id=" + id, inputMp, outputMp);
    }

    /**
     * FLUX.2's sizes as BFL documents them: {@code width} and {@code height} "x >= 64" (the API reference) and "Minimum
     * 256 × 256 pixels", "Maximum 4 megapixels", "Multiples of 16 pixels" (help.bfl.ai, "Aspect Ratios and Output
     * Dimensions"): the stub refuses what either page does, as a 422 in FastAPI's {@code detail[]} form.
     */
    private static Answer refusedSize(JsonNode body) {
        for (String field : new String[] {"width", "height"}) {
            int side = body.path(field).asInt(1024);
            if (side < 256 || side % 16 != 0) {
                return validationError(field, "Input should be a multiple of 16 and at least 256", "value_error");
            }
        }
        if (body.path("width").asLong(1024) * body.path("height").asLong(1024) > 4L * 1024 * 1024) {
            return validationError("width", "width x height must be at most 4 megapixels", "value_error");
        }
        return null;
    }

    /**
     * FLUX 1.1 [pro], FLUX.1 [pro] and [dev] as their API references define {@code width} and {@code height}
     * (docs.bfl.ai/api-reference, "Generate an image with FLUX.1 [pro]": "Width of the generated image in pixels. Must be
     * a multiple of 32." "Required range: 256 <= x <= 1440"; default 1024 x 768): anything else is a 422.
     */
    private static Answer refusedFlux1Size(JsonNode body) {
        for (String field : new String[] {"width", "height"}) {
            int side = body.path(field).asInt(1024);
            if (side < 256 || side > 1440 || side % 32 != 0) {
                return validationError(field, "Input should be a multiple of 32 between 256 and 1440", "value_error");
            }
        }
        return null;
    }

    /**
     * FLUX.1 Kontext's API reference: no {@code width} or {@code height} (a field it does not define is ignored), an
     * {@code aspect_ratio} "between 21:9 and 9:21", default 1:1; its guide: "All outputs are ~1MP total". FLUX 1.1 [pro]
     * Ultra's likewise (docs.bfl.ai/api-reference, "Generate an image with FLUX 1.1 [pro] with ultra mode and optional raw
     * mode": {@code aspect_ratio}, default 16:9, no width or height), at up to 4 MP.
     */
    private static Answer refusedAspectRatio(JsonNode body, String defaultRatio) {
        String ratio = body.path("aspect_ratio").asText(defaultRatio);
        double r = ratio(ratio);
        return r > 0 && r <= 21 / 9.0 + 1e-9 && r >= 9 / 21.0 - 1e-9 ? null
                : validationError("aspect_ratio", "Aspect ratio must be between 21:9 and 9:21", "value_error");
    }

    private static double ratio(String ratio) {
        String[] wh = ratio.split(":");
        try {
            return wh.length == 2 ? Double.parseDouble(wh[0]) / Double.parseDouble(wh[1]) : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * About {@code pixels} at the ratio, sides multiples of 32 (help.bfl.ai of Kontext: "the nearest multiples of 32 pixels
     * while staying at 1MP").
     */
    private static int[] ratioSize(String ratio, double pixels) {
        double r = ratio(ratio);
        return new int[] {(int) Math.round(Math.sqrt(pixels * r) / 32) * 32, (int) Math.round(Math.sqrt(pixels / r) / 32) * 32};
    }

    /** A 422 as FastAPI words it: {@code {"detail":[{"loc":["body",field],"msg":...,"type":...}]}}. */
    public static Answer validationError(String field, String message, String type) {
        ObjectNode detail = EventJson.MAPPER.createObjectNode();
        ObjectNode error = detail.putArray("detail").addObject();
        error.putArray("loc").add("body").add(field);
        error.put("msg", message).put("type", type);
        return Answer.json(422, detail);
    }

    private static String[] inputImageFields() {
        String[] fields = new String[8];
        for (int i = 0; i < 8; i++) {
            fields[i] = i == 0 ? "input_image" : "input_image_" + (i + 1);
        }
        return fields;
    }

    /**
     * Megapixels as BFL counts them in {@code input_mp} and {@code output_mp}: millions of pixels, rounded up to 0.01, by
     * the image's header; 0 for bytes that are no image (a test's scripted answer).
     */
    private static double megapixels(byte[] image) {
        try {
            return Math.ceil((double) io.realskin.imaging.ImageProbe.probe(image, io.realskin.imaging.ImageLimits.DEFAULT).pixels() / 10_000) / 100;
        } catch (RuntimeException notAnImage) {
            return 0;
        }
    }

    /** The documented answer to a submission. */
    public static Answer submitted(String id, String pollingUrl) {
        return submitted(id, pollingUrl, 0.0, 1.05);
    }

    /**
     * The documented answer to a submission, its {@code cost} in credits (1 credit = $0.01) by FLUX.2 [pro]'s price
     * (black-forest-labs/skills SKILL.md: "(firstMP + (outputMP-1) * mpPrice) + (inputMP * mpPrice)", 3 and 1.5 credits).
     */
    public static Answer submitted(String id, String pollingUrl, double inputMp, double outputMp) {
        double cost = 3.0 + Math.max(0, outputMp - 1) * 1.5 + inputMp * 1.5;
        return Answer.json(200, EventJson.MAPPER.createObjectNode().put("id", id).put("polling_url", pollingUrl)
                .put("cost", cost).put("input_mp", inputMp).put("output_mp", outputMp));
    }

    /** The {@code input_mp} BFL answered to each submission so far, in order. */
    public java.util.List<Double> inputMegapixels() {
        return answered.stream().toList();
    }

    private Answer result(String id) {
        ObjectNode body = EventJson.MAPPER.createObjectNode().put("id", id);
        if (id == null || !results.containsKey(id)) {
            return Answer.json(200, body.put("status", "Task not found").putNull("result"));
        }
        if (polls.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet() <= pendingPolls) {
            return Answer.json(200, body.put("status", "Pending").putNull("result").put("progress", 0.4).putNull("details"));
        }
        String base = deliveryBase == null ? url() : deliveryBase;
        body.put("status", "Ready").putObject("result").put("sample", base + "/delivery/" + id + "/sample.png?se=2026-11-01T12%3A10%3A00Z"
                + "&sp=r&sv=2024-05-04&sr=b&sig=stubsignature").put("prompt", "as sent").put("seed", 42)
                .put("start_time", 1.7e9).put("end_time", 1.7e9 + 6).put("duration", 6.0);
        return Answer.json(200, body.putNull("progress").putNull("details").putNull("preview"));
    }

    /** A status answer of get_result: Pending, Request Moderated, Content Moderated, Error, Task not found. */
    public static Answer status(String id, String status, String details) {
        ObjectNode body = EventJson.MAPPER.createObjectNode().put("id", id).put("status", status).putNull("result");
        if (details == null) body.putNull("details"); else body.putObject("details").putArray("Moderation Reasons").add(details);
        return Answer.json(200, body);
    }

    /** A get_result answer of a task that ended without an image ({@code Error}, {@code Failed}), with its {@code error} text. */
    public static Answer ended(String id, String status, String error) {
        return Answer.json(200, EventJson.MAPPER.createObjectNode().put("id", id).put("status", status).put("error", error).putNull("result"));
    }

    /** A 429 as BFL's rate-limit reference shows it: the wait in the body's retry_after (seconds), no Retry-After header. */
    public static Answer tooManyActiveTasks(int retryAfterSeconds) {
        return Answer.json(429, EventJson.MAPPER.createObjectNode().put("error", "rate_limit_exceeded")
                .put("message", "Too many concurrent requests").put("retry_after", retryAfterSeconds));
    }

    /** What the delivery host answers for a signed URL past its expiry (an Azure-style blob store). */
    public static Answer expired() {
        return Answer.bytes(403, "application/xml", ("<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>AuthenticationFailed</Code>"
                + "<Message>Server failed to authenticate the request. Signed expiry time has expired.</Message></Error>")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
