package io.realskin.gateway.backends;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.realskin.contracts.EventJson;
import io.realskin.contracts.Intensity;
import io.realskin.contracts.texture.PreviewAnswer;
import io.realskin.gateway.auth.Scopes;
import io.realskin.gateway.config.GatewayConfig;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * texture-service's preview API, proxied. Its answer is read as the image and its {@link PreviewAnswer}, its 4xx
 * problems pass on as {@link BackendProblem#toCaller} has them; its "every preview slot is busy" (503 with Retry-After:
 * {@link BackendBusy}) is the caller's 503 with that Retry-After at once, neither retried nor counted by a breaker; a
 * 5xx, a refused connection or an answer whose headers break the contract is the caller's 503 after the retries (a
 * preview is pure computation, so it is retried), a timeout at once (texture-service may still be computing it).
 * Thumbnails and texture profiles of stored images the same way. Blocking.
 */
@Singleton
public class TextureClient extends BackendClient<TextureApi> {
    public TextureClient(@RestClient TextureApi api, GatewayConfig config, MeterRegistry registry) {
        super(api, "texture-service", config.backends().textureTimeout(), false, registry);
    }

    /** A restored preview of the image: its bytes in the input's format, and what texture-service measured. */
    public Preview preview(String tenantId, byte[] image, Intensity intensity) {
        return backend.callIdempotent(tenantId, () -> {
            try (RestResponse<byte[]> answer = api.preview(new OnBehalfOf(tenantId, Scopes.JOBS_WRITE), intensity.toString(), image)) {
                PreviewAnswer measured;
                try {
                    measured = PreviewAnswer.read(answer::getHeaderString);
                } catch (IllegalArgumentException e) {
                    throw new BackendFailure("texture-service answered a preview off its contract: " + e.getMessage());
                }
                MediaType type = answer.getMediaType();
                byte[] body = answer.getEntity();
                return new Preview(type == null ? MediaType.APPLICATION_OCTET_STREAM : type.toString(),
                        body == null ? new byte[0] : body, measured);
            }
        });
    }

    /**
     * A thumbnail of the tenant's stored image: texture-service reads the blob under {@code blobKey} itself and answers
     * it at most {@code width} px wide (JPEG, or PNG with transparency).
     */
    public Thumbnail thumbnail(String tenantId, String blobKey, int width) {
        return backend.callIdempotent(tenantId, () -> {
            try (RestResponse<byte[]> answer = api.thumbnail(new OnBehalfOf(tenantId, Scopes.JOBS_READ), blobKey, width)) {
                MediaType type = answer.getMediaType();
                byte[] body = answer.getEntity();
                if (type == null || !type.getType().equals("image") || body == null || body.length == 0) {
                    throw new BackendFailure("texture-service answered a thumbnail off its contract: " + type);
                }
                return new Thumbnail(type.getType() + "/" + type.getSubtype(), body);
            }
        });
    }

    /**
     * The texture profile of the tenant's stored image: texture-service reads the blob under {@code blobKey} itself and
     * answers the engine's JSON document of its skin statistics (an object with a {@code version}).
     */
    public JsonNode profile(String tenantId, String blobKey) {
        return backend.callIdempotent(tenantId, () -> {
            try (RestResponse<byte[]> answer = api.profile(new OnBehalfOf(tenantId, Scopes.JOBS_WRITE), blobKey)) {
                JsonNode document = readJson(answer.getEntity());
                if (document == null || !document.isObject() || !document.path("version").isInt()) {
                    throw new BackendFailure("texture-service answered a texture profile off its contract");
                }
                return document;
            }
        });
    }

    private static JsonNode readJson(byte[] body) {
        try {
            return body == null ? null : EventJson.MAPPER.readTree(body);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /** A rendered thumbnail and its media type (image/jpeg or image/png). */
    public record Thumbnail(String contentType, byte[] image) {
    }

    /** texture-service's answer: the image, its media type, and what was measured (passed on as headers). */
    public record Preview(String contentType, byte[] image, PreviewAnswer measured) {
    }
}
