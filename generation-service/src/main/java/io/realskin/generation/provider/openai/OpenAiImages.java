package io.realskin.generation.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.realskin.contracts.EventJson;
import io.realskin.contracts.GenerationRequest;
import io.realskin.contracts.ImageModels;
import io.realskin.generation.provider.CallContext;
import io.realskin.generation.provider.ImageProvider;
import io.realskin.generation.provider.Multipart;
import io.realskin.generation.provider.ProviderCall;
import io.realskin.generation.provider.ProviderAnswer;
import io.realskin.generation.provider.ProviderFailure;
import io.realskin.generation.provider.ProviderHttp;
import io.realskin.generation.provider.ProviderImage;
import io.realskin.generation.provider.ReferenceInstruction;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * OpenAI Images (https://platform.openai.com/docs/api-reference/images): {@code POST /images/generations} (JSON) for
 * a prompt alone, {@code POST /images/edits} (multipart) with reference photographs ({@code image[]}, or {@code image}
 * for one) or with the image and its {@code mask} of a skin-inpaint job. {@code model} is always sent: the endpoints
 * fall back to dall-e-2 without it. Answers carry {@code data[].b64_json}; the call's id is the {@code x-request-id}
 * header.
 */
public final class OpenAiImages implements ImageProvider {
    private static final Set<String> IMAGE_FIELDS = Set.of("b64_json");
    /**
     * What {@code /images/edits} takes: images "less than 50MB" and a mask "less than 4MB" (the API reference), read
     * in decimal megabytes, the stricter reading. Checked before the call, so such an edit or reference fails with a
     * message that says what to change instead of the provider's 400.
     */
    static final int MAX_IMAGE_BYTES = 50_000_000, MAX_MASK_BYTES = 4_000_000;
    private final ProviderHttp http;
    private final EndUserIds users;

    /** The {@code user} of each call keyed by the API key ({@link EndUserIds}). */
    public OpenAiImages(ProviderHttp http) {
        this(http, Optional.empty());
    }

    /** With {@code endUserSecret}, when set and not blank, as the key of each call's {@code user} instead of the API key. */
    public OpenAiImages(ProviderHttp http, Optional<String> endUserSecret) {
        this.http = http;
        this.users = new EndUserIds(endUserSecret.filter(s -> !s.isBlank()).orElse(http.settings().apiKey()));
    }

    @Override
    public String name() {
        return ImageModels.OPENAI;
    }

    @Override
    public ProviderImage create(ProviderCall call, CallContext context) {
        String size = OpenAiSizes.size(call.providerModel(), call.width(), call.height());
        String user = users.of(context.tenant());
        HttpRequest.Builder request;
        if (call.isEdit() || !call.references().isEmpty()) {
            Multipart form = edits(call, size);
            if (user != null) {
                form.field("user", user);
            }
            request = http.request("/images/edits").header("Content-Type", form.contentType())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(form.build()));
        } else {
            ObjectNode body = EventJson.MAPPER.createObjectNode()
                    .put("model", call.providerModel())
                    .put("prompt", call.prompt())
                    .put("n", 1)
                    .put("size", size)
                    .put("output_format", call.outputFormat());
            if (GenerationRequest.JPEG.equals(call.outputFormat())) {
                body.put("output_compression", ProviderCall.JPEG_QUALITY);
            }
            if (user != null) {
                body.put("user", user);
            }
            request = http.request("/images/generations").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(EventJson.write(body)));
        }
        request.header("Authorization", "Bearer " + http.settings().apiKey());
        context.progress().stage("submitted", 10);
        try (ProviderAnswer answer = http.exchange(request, context, ProviderHttp.MAX_ANSWER_BYTES)) {
            if (!answer.ok()) {
                throw OpenAiErrors.failure(answer, http::redact);
            }
            context.progress().stage("downloading", 80);
            return image(answer);
        }
    }

    private Multipart edits(ProviderCall call, String size) {
        Multipart form = new Multipart()
                .field("model", call.providerModel())
                .field("n", "1")
                .field("size", size)
                .field("output_format", call.outputFormat());
        if (GenerationRequest.JPEG.equals(call.outputFormat())) {
            form.field("output_compression", String.valueOf(ProviderCall.JPEG_QUALITY));
        }
        if (call.isEdit()) {
            ProviderCall.Edit edit = call.edit();
            form.field("prompt", call.prompt());
            if (OpenAiSizes.takesInputFidelity(call.providerModel())) {
                form.field("input_fidelity", "high"); // keep the face: only the masked skin may change (gpt-image-2 always does)
            }
            if (!"image/png".equals(edit.contentType())) {
                // the image-generation guide: "The image to edit and mask must be of the same format"; the mask is a PNG
                throw ProviderFailure.badRequest("openai: the image to edit is " + edit.contentType() + "; OpenAI's edits take"
                        + " the image in its mask's format, PNG");
            }
            if (edit.image().length >= MAX_IMAGE_BYTES) {
                throw ProviderFailure.badRequest("openai: the image to edit is " + edit.image().length + " bytes as sent ("
                        + edit.contentType() + "); OpenAI's edits take images under 50 MB: send a smaller image, or an upright"
                        + " 8-bit PNG, which goes as uploaded");
            }
            if (edit.maskAlphaZeroIsEdit().length >= MAX_MASK_BYTES) {
                throw ProviderFailure.badRequest("openai: the mask is " + edit.maskAlphaZeroIsEdit().length + " bytes as"
                        + " OpenAI's transparent-where-edited PNG; OpenAI's edits take masks under 4 MB: a mask of fewer,"
                        + " larger regions or a smaller image");
            }
            form.file("image", "image" + extension(edit.contentType()), edit.contentType(), edit.image());
            form.file("mask", "mask.png", "image/png", edit.maskAlphaZeroIsEdit());
            return form;
        }
        List<ProviderCall.Reference> refs = call.references();
        for (int i = 0; i < refs.size(); i++) {
            if (refs.get(i).bytes().length >= MAX_IMAGE_BYTES) {
                throw ProviderFailure.tooLarge("openai: reference image " + (i + 1) + " is " + refs.get(i).bytes().length
                        + " bytes as sent (" + refs.get(i).contentType() + "); OpenAI takes images under 50 MB: send a smaller one");
            }
        }
        form.field("prompt", ReferenceInstruction.append(call.prompt(), refs));
        if (OpenAiSizes.takesInputFidelity(call.providerModel())) {
            form.field("input_fidelity", call.referenceWeight() >= 0.5 ? "high" : "low");
        }
        String field = refs.size() == 1 ? "image" : "image[]";
        for (int i = 0; i < refs.size(); i++) {
            ProviderCall.Reference ref = refs.get(i);
            form.file(field, "reference-" + (i + 1) + extension(ref.contentType()), ref.contentType(), ref.bytes());
        }
        return form;
    }

    private ProviderImage image(ProviderAnswer answer) {
        JsonNode image = http.readImages(answer, name(), IMAGE_FIELDS).path("data").path(0).path("b64_json");
        if (!(image instanceof BinaryNode bytes) || bytes.binaryValue().length == 0) {
            throw ProviderFailure.rejected("openai: the answer has no data[0].b64_json");
        }
        return new ProviderImage(bytes.binaryValue(), answer.header("x-request-id"), answer.receivedAt());
    }

    private static String extension(String contentType) {
        return switch (contentType) {
            case "image/png" -> ".png";
            case "image/webp" -> ".webp";
            default -> ".jpg";
        };
    }
}
