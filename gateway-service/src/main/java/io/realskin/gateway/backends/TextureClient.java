package io.realskin.gateway.backends;

import io.micrometer.core.instrument.MeterRegistry;
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
 * 5xx, a refused connection, a timeout or an answer whose headers break the contract is the caller's 503 after the
 * retries (a preview is pure computation, so it is retried). Blocking.
 */
@Singleton
public class TextureClient extends BackendClient<TextureApi> {
    public TextureClient(@RestClient TextureApi api, GatewayConfig config, MeterRegistry registry) {
        super(api, "texture-service", config.backends().textureTimeout(), registry);
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

    /** texture-service's answer: the image, its media type, and what was measured (passed on as headers). */
    public record Preview(String contentType, byte[] image, PreviewAnswer measured) {
    }
}
